import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../../shared/domain/alert.js';
import { buildScopeRefusedAlert } from '../../../../shared/domain/alerts/link-scope-refused.js';
import { alertingConsentTaskRaiser } from '../../../../shared/domain/link/alerting-consent-task-raiser.js';

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

  it('raises one task per refused scope, not one per data type', async () => {
    const raised: Alert[] = [];
    const raiser = alertingConsentTaskRaiser(
      { getMember: async () => ({ memberId: 'm-1', name: 'Sam', timezone: 'Europe/London' }) } as never,
      {
        alerts: {
          putIfAbsent: async (alert: Alert) => {
            raised.push(alert);
            return { created: true, stored: alert };
          },
          markPublished: async () => undefined,
        } as never,
        publisher: { publish: async () => undefined } as never,
        clock: { now: () => new Date('2026-11-20T09:05:00Z') },
      },
    );
    await raiser.raiseScopeRefused({
      memberId: 'm-1',
      timezone: 'Europe/London',
      linkedAt: input.linkedAt,
      refusedTypes: ['heart-rate', 'weight', 'oxygen-saturation', 'steps'],
      at: input.detectedAt,
    });
    expect(raised.map((alert) => alert.episode)).toEqual([
      '2026-11-20T09:00:00.000Z#health-metrics',
      '2026-11-20T09:00:00.000Z#activity',
    ]);
  });
});
