import { describe, expect, it } from 'vitest';
import {
  buildAlertKey,
  memberIdOfAlertKey,
  notificationDedupeId,
  toFifoSafeId,
} from '../../../../shared/domain/alerts/alert-key.js';

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

  it('gives each notification its own dedupe id: kind and position', () => {
    const key = 'm-1#bp-severe#2026-11-17T08:00:00.000Z';
    expect(notificationDedupeId(key, 'raised', 0)).toBe(`${key}#raised-0`);
    expect(notificationDedupeId(key, 'reminder', 2)).not.toBe(notificationDedupeId(key, 'reminder', 3));
    expect(notificationDedupeId(`${'x'.repeat(140)}`, 'resolved', 4)).toHaveLength(128);
  });

  it('finds the member in a key, so an alert is found by its key alone', () => {
    expect(memberIdOfAlertKey('m-abc#bp-severe#2026-11-20T07:31:00.000Z')).toBe('m-abc');
    expect(memberIdOfAlertKey('no-member')).toBeUndefined();
    expect(memberIdOfAlertKey('#bp-severe#x')).toBeUndefined();
  });
});
