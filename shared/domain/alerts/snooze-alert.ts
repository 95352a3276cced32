import type { Alert } from '../alert.js';
import type { Clock } from '../clock.js';
import type { AlertStore } from '../ports/alert-store.js';
import { AlertAlreadyResolvedError, findAlertByKey } from './alert-lookup.js';
import { changeAlert } from './alert-outbox.js';

export { AlertAlreadyResolvedError } from './alert-lookup.js';
export { UnknownAlertError } from './alert-outbox.js';

/** Longest snooze: a week, so a forgotten snooze cannot silence an alert for good. */
export const MAX_SNOOZE_DAYS = 7;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export class InvalidSnoozeUntilError extends Error {
  constructor(
    readonly until: string,
    reason: string,
  ) {
    super(`Cannot snooze until "${until}": ${reason}`);
    this.name = 'InvalidSnoozeUntilError';
  }
}

export class MissingSnoozeDetailsError extends Error {
  constructor(field: 'by' | 'reason') {
    super(
      field === 'by'
        ? 'Say who is snoozing the alert (their name).'
        : 'Give a reason for the snooze, so the rest of the care team knows why reminders stopped.',
    );
    this.name = 'MissingSnoozeDetailsError';
  }
}

/**
 * Snoozes an open alert's reminders until a time (RFC 3339 with a zone, in the future, at most a week
 * ahead), recording who, when and why. An escalation is still sent during a snooze: a materially worse
 * reading is new information. Used by the CLI (`alerts snooze`) and, later, the care-team web page.
 */
export const snoozeAlert = async (
  ports: { alerts: AlertStore; clock: Clock },
  input: { alertKey: string; until: string; by: string; reason: string },
): Promise<Alert> => {
  const by = input.by.trim();
  const reason = input.reason.trim();
  if (by === '') throw new MissingSnoozeDetailsError('by');
  if (reason === '') throw new MissingSnoozeDetailsError('reason');
  const until = Date.parse(input.until);
  if (!RFC3339.test(input.until) || Number.isNaN(until)) {
    throw new InvalidSnoozeUntilError(
      input.until,
      'use an RFC 3339 time with a zone, e.g. 2026-11-21T09:00:00Z',
    );
  }
  const now = ports.clock.now();
  if (until <= now.getTime()) throw new InvalidSnoozeUntilError(input.until, 'that time has already passed');
  if (until > now.getTime() + MAX_SNOOZE_DAYS * 86_400_000) {
    throw new InvalidSnoozeUntilError(input.until, `a snooze can last at most ${MAX_SNOOZE_DAYS} days`);
  }
  const found = await findAlertByKey(ports.alerts, input.alertKey);
  const { alert } = await changeAlert(ports.alerts, found.memberId, found.alertKey, (stored) => {
    if (stored.status !== 'open') throw new AlertAlreadyResolvedError(stored.alertKey);
    return {
      ...stored,
      snooze: { until: new Date(until).toISOString(), by, at: now.toISOString(), reason },
    };
  });
  return alert;
};
