import { describe, expect, it } from 'vitest';
import { buildAlertKey, resolvedNoticeId, toFifoSafeId } from '../../../../shared/domain/alerts/alert-key.js';

describe('alert keys', () => {
  it('is member#rule#episode', () => {
    expect(buildAlertKey('m-1', 'bp-severe', '2026-11-20')).toBe('m-1#bp-severe#2026-11-20');
  });

  it('replaces characters SQS does not accept in a dedupe id', () => {
    expect(buildAlertKey('mé mber\n1', 'bp-low', '2026-11-20')).toBe('m__mber_1#bp-low#2026-11-20');
  });

  it('keeps over-long keys within 128 characters and distinct', () => {
    const a = toFifoSafeId(`${'x'.repeat(200)}a`);
    const b = toFifoSafeId(`${'x'.repeat(200)}b`);
    expect(a).toHaveLength(128);
    expect(b).toHaveLength(128);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[\x21-\x7e]+$/);
  });

  it('gives the resolved notice its own dedupe id', () => {
    expect(resolvedNoticeId('m-1#wearable-no-data#2026-11-17T08:00:00.000Z')).toBe(
      'm-1#wearable-no-data#2026-11-17T08:00:00.000Z#resolved',
    );
  });
});
