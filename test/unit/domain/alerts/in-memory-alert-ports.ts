import { DEFAULT_ALERT_POLICY } from '../../../../shared/domain/alerts/alert-policy.js';
import type { Clock } from '../../../../shared/domain/clock.js';
import { RecordingPublisher } from '../../../fakes/alert-publisher.js';
import { InMemoryAlertStore } from '../../../fakes/alert-store.js';

/** A clock the test can move. */
export class MovableClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advanceHours(hours: number): void {
    this.current = new Date(this.current.getTime() + hours * 3_600_000);
  }
}

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

export const alertPorts = (now = '2026-11-20T09:00:05.000Z') => ({
  alerts: new InMemoryAlertStore(),
  publisher: new RecordingPublisher(),
  clock: new MovableClock(new Date(now)),
});

export const TEST_POLICY = DEFAULT_ALERT_POLICY;
