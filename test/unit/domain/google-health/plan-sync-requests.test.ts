import { describe, expect, it } from 'vitest';
import { planSyncRequests } from '../../../../shared/domain/google-health/plan-sync-requests.js';

/** A Charge-class tracker worn all day: heart rate every 5 s, steps per active minute, one night. */
const pointsPerDay = {
  'heart-rate': 17_280,
  steps: 600,
  sleep: 1,
  'oxygen-saturation': 96,
  'heart-rate-variability': 96,
  'daily-resting-heart-rate': 1,
  'daily-oxygen-saturation': 1,
  weight: 0,
};

describe('planSyncRequests', () => {
  it('counts one request per type per poll, and extra pages as the heart-rate day fills up', () => {
    const polling = planSyncRequests(pointsPerDay, { kind: 'polling', everyMinutes: 15 });
    expect(polling.byType.weight).toBe(96);
    expect(polling.byType.steps).toBe(96);
    // The day so far passes 10,000 samples after 13h53m: the last 41 polls of 96 need a second page.
    expect(polling.byType['heart-rate']).toBe(96 + 41);
    expect(polling.total).toBe(8 * 96 + 41);
  });

  it('costs far less when only notified types are synced', () => {
    const webhook = planSyncRequests(pointsPerDay, {
      kind: 'webhook',
      notificationsPerDay: { 'heart-rate': 24, steps: 24, sleep: 1, 'daily-resting-heart-rate': 1 },
      catchUpsPerDay: 0,
    });
    expect(webhook.byType.weight).toBe(0);
    expect(webhook.byType.sleep).toBe(1);
    expect(webhook.total).toBeLessThan(
      planSyncRequests(pointsPerDay, { kind: 'polling', everyMinutes: 15 }).total / 10,
    );
  });
});
