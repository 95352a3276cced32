import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Alert, AlertRule } from '../../shared/domain/alert.js';
import { newAlert } from '../../shared/domain/alerts/new-alert.js';
import type { AlertStore } from '../../shared/domain/ports/alert-store.js';

const alertFor = (memberId: string, rule: AlertRule, episode: string, raisedAt: string): Alert =>
  newAlert({
    subject: { memberId, timezone: 'Europe/London' },
    rule,
    severity: 'urgent',
    episode,
    raisedAt: new Date(raisedAt),
    readings: [{ metric: 'blood-pressure', measuredAt: raisedAt, values: { systolic: 185 }, source: 'json' }],
    thresholds: { systolic: 180 },
    explanation: 'Systolic 185 is at or above 180.',
    guidance: { name: 'NICE NG136', reference: 'https://www.nice.org.uk/guidance/ng136' },
  });

/** The next revision of an alert, resolved with every notification sent: it releases its slot. */
const settled = (alert: Alert): Alert => ({
  ...alert,
  status: 'resolved',
  resolvedAt: '2026-11-21T09:00:00.000Z',
  notifications: alert.notifications.map((n) => ({ ...n, publishedAt: n.at })),
  revision: alert.revision + 1,
});

/**
 * The AlertStore contract, run against the in-memory fake (test/unit/fakes/port-contracts.test.ts) and
 * DynamoDbAlertStore on DynamoDB Local (test/integration/contracts/dynamodb-port-contracts.test.ts).
 */
export const alertStoreContract = (name: string, create: () => AlertStore) => {
  describe(`AlertStore contract: ${name}`, () => {
    it('creates an alert once and lets one open alert hold a slot', async () => {
      const store = create();
      const memberId = `m-${randomUUID()}`;
      const first = alertFor(memberId, 'bp-severe', 'e1', '2026-11-20T09:00:00.000Z');
      expect(await store.create(first, 'bp-severe')).toBe('created');
      expect(await store.create(first, 'bp-severe')).toBe('exists');
      const second = alertFor(memberId, 'bp-severe', 'e2', '2026-11-20T10:00:00.000Z');
      expect(await store.create(second, 'bp-severe')).toBe('slot-taken');
      expect(await store.get(memberId, second.alertKey)).toBeUndefined();
      expect(await store.findBySlot(memberId, 'bp-severe')).toEqual(first);
      expect((await store.listSlots()).filter((slot) => slot.memberId === memberId)).toEqual([
        { memberId, alertKey: first.alertKey },
      ]);
    });

    it('replaces only on the previous revision (optimistic concurrency)', async () => {
      const store = create();
      const memberId = `m-${randomUUID()}`;
      const alert = alertFor(memberId, 'bp-severe', 'e1', '2026-11-20T09:00:00.000Z');
      await store.create(alert, 'bp-severe');
      const acknowledged: Alert = {
        ...alert,
        acknowledgement: { by: 'alex', at: '2026-11-20T09:30:00.000Z' },
        revision: 2,
      };
      expect(await store.replace(acknowledged, 'bp-severe')).toBe(true);
      expect(await store.replace({ ...acknowledged, explanation: 'lost the race' }, 'bp-severe')).toBe(false);
      expect(await store.replace({ ...alert, revision: 4 }, 'bp-severe')).toBe(false);
      expect(await store.get(memberId, alert.alertKey)).toEqual(acknowledged);
      // The slot stays held while the alert is open.
      expect((await store.findBySlot(memberId, 'bp-severe'))?.alertKey).toBe(alert.alertKey);
    });

    it('releases the slot when the alert is resolved and every notification sent, so a new episode can open', async () => {
      const store = create();
      const memberId = `m-${randomUUID()}`;
      const alert = alertFor(memberId, 'bp-severe', 'e1', '2026-11-20T09:00:00.000Z');
      await store.create(alert, 'bp-severe');
      const resolvedUnsent: Alert = { ...settled(alert), notifications: alert.notifications };
      expect(await store.replace(resolvedUnsent, 'bp-severe')).toBe(true);
      expect((await store.findBySlot(memberId, 'bp-severe'))?.status).toBe('resolved');
      const done = settled({ ...alert, revision: 2 });
      expect(await store.replace(done, 'bp-severe')).toBe(true);
      expect(await store.findBySlot(memberId, 'bp-severe')).toBeUndefined();
      expect((await store.listSlots()).filter((slot) => slot.memberId === memberId)).toEqual([]);
      const next = alertFor(memberId, 'bp-severe', 'e2', '2026-11-22T09:00:00.000Z');
      expect(await store.create(next, 'bp-severe')).toBe('created');
    });

    it('finds an alert only under its own member', async () => {
      const store = create();
      const memberId = `m-${randomUUID()}`;
      const alert = alertFor(memberId, 'bp-low', 'e1', '2026-11-20T09:00:00.000Z');
      await store.create(alert, 'bp-low');
      expect(await store.get(`m-${randomUUID()}`, alert.alertKey)).toBeUndefined();
    });

    it('lists a member’s alerts newest first up to a limit, and their open alerts of one rule', async () => {
      const store = create();
      const memberId = `m-${randomUUID()}`;
      const older = alertFor(memberId, 'bp-severe', 'e1', '2026-11-18T09:00:00.000Z');
      const newer = alertFor(memberId, 'bp-low', 'e1', '2026-11-20T09:00:00.000Z');
      const middle = alertFor(memberId, 'spo2-watch', 'e1', '2026-11-19T09:00:00.000Z');
      await store.create(older, 'bp-severe');
      await store.create(newer, 'bp-low');
      await store.create(middle, 'spo2-watch');
      await store.create(alertFor(`m-${randomUUID()}`, 'bp-low', 'e1', '2026-11-21T09:00:00.000Z'), 'bp-low');
      const keys = async (limit?: number) =>
        (await store.list({ memberId, ...(limit === undefined ? {} : { limit }) })).map((a) => a.alertKey);
      expect(await keys()).toEqual([newer.alertKey, middle.alertKey, older.alertKey]);
      expect(await keys(2)).toEqual([newer.alertKey, middle.alertKey]);
      expect((await store.listOpen(memberId, 'bp-severe')).map((a) => a.alertKey)).toEqual([older.alertKey]);
      await store.replace(settled(older), 'bp-severe');
      expect(await store.listOpen(memberId, 'bp-severe')).toEqual([]);
    });
  });
};
