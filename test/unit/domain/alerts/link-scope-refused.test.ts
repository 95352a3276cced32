import { describe, expect, it } from 'vitest';
import { buildScopeRefusedAlert } from '../../../../shared/domain/alerts/link-scope-refused.js';
import { alertingConsentTaskRaiser } from '../../../../shared/domain/link/alerting-consent-task-raiser.js';
import { alertPorts } from './in-memory-alert-ports.js';

const input = {
  memberId: 'm-1',
  memberName: 'Sam Example',
  timezone: 'Europe/London',
  linkedAt: '2026-11-20T09:00:00.000Z',
  scope: 'health metrics' as const,
  dataTypes: ['heart-rate', 'weight'],
  detectedAt: new Date('2026-11-20T09:05:00Z'),
};

describe('link-scope-refused', () => {
  it('is a staff task per link and scope, in plain words naming what cannot arrive', () => {
    const alert = buildScopeRefusedAlert(input);
    expect(alert).toMatchObject({
      rule: 'link-scope-refused',
      severity: 'staff-task',
      episode: '2026-11-20T09:00:00.000Z#health-metrics',
      alertKey: 'm-1#link-scope-refused#2026-11-20T09:00:00.000Z#health-metrics',
      readings: [],
    });
    expect(alert.explanation).toContain('heart rate and weight cannot reach the care team');
    expect(alert.explanation).toContain('re-consent to heart rate');
    expect(buildScopeRefusedAlert({ ...input, linkedAt: '2026-12-01T09:00:00.000Z' }).alertKey).not.toBe(
      alert.alertKey,
    );
  });

  it('raises one task per refused scope, not one per data type, and nothing more on a repeat', async () => {
    const ports = alertPorts('2026-11-20T09:05:00.000Z');
    const raiser = alertingConsentTaskRaiser(
      { getMember: async () => ({ memberId: 'm-1', name: 'Sam', timezone: 'Europe/London' }) } as never,
      ports,
    );
    await raiser.raiseScopeRefused({
      memberId: 'm-1',
      timezone: 'Europe/London',
      linkedAt: input.linkedAt,
      refusedTypes: ['heart-rate', 'weight', 'oxygen-saturation', 'steps'],
      at: input.detectedAt,
    });
    const episodes = () => ports.publisher.sent.map((message) => message.alert.episode);
    expect(episodes()).toEqual([
      '2026-11-20T09:00:00.000Z#health-metrics',
      '2026-11-20T09:00:00.000Z#activity',
    ]);
    expect(ports.publisher.kinds()).toEqual(['raised', 'raised']);
    await raiser.raiseScopeRefused({
      memberId: 'm-1',
      timezone: 'Europe/London',
      linkedAt: input.linkedAt,
      refusedTypes: ['heart-rate', 'steps'],
      at: input.detectedAt,
    });
    expect(ports.publisher.sent).toHaveLength(2);
  });
});
