import type { Alert } from '../alert.js';
import type { Clock } from '../clock.js';
import type { AlertStore } from '../ports/alert-store.js';
import { AlertAlreadyResolvedError, findAlertByKey } from './alert-lookup.js';
import { changeAlert } from './alert-outbox.js';

export { AlertAlreadyResolvedError } from './alert-lookup.js';
export { UnknownAlertError } from './alert-outbox.js';

export class MissingAcknowledgerError extends Error {
  constructor() {
    super('Say who is acknowledging the alert (their name), so the care team can see who acted.');
    this.name = 'MissingAcknowledgerError';
  }
}

/**
 * A care-team member acknowledges an open alert: who, when, and an optional note. Reminders stop until
 * the episode escalates (a materially worse reading needs a new acknowledgement). Acknowledging again
 * records the newer acknowledgement. Used by the CLI (`alerts ack`) and, later, the care-team web page.
 */
export const acknowledgeAlert = async (
  ports: { alerts: AlertStore; clock: Clock },
  input: { alertKey: string; by: string; note?: string },
): Promise<Alert> => {
  const by = input.by.trim();
  if (by === '') throw new MissingAcknowledgerError();
  const found = await findAlertByKey(ports.alerts, input.alertKey);
  const note = input.note?.trim();
  const { alert } = await changeAlert(ports.alerts, found.memberId, found.alertKey, (stored) => {
    if (stored.status !== 'open') throw new AlertAlreadyResolvedError(stored.alertKey);
    return {
      ...stored,
      acknowledgement: {
        by,
        at: ports.clock.now().toISOString(),
        ...(note === undefined || note === '' ? {} : { note }),
      },
    };
  });
  return alert;
};
