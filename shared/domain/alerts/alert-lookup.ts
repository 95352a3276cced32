import type { Alert } from '../alert.js';
import type { AlertStore } from '../ports/alert-store.js';
import { memberIdOfAlertKey } from './alert-key.js';
import { UnknownAlertError } from './alert-outbox.js';

export class AlertAlreadyResolvedError extends Error {
  constructor(readonly alertKey: string) {
    super(`Alert ${alertKey} is already resolved; there is nothing to acknowledge or snooze.`);
    this.name = 'AlertAlreadyResolvedError';
  }
}

/** The stored alert for a key alone (the key starts with the member id), or UnknownAlertError. */
export const findAlertByKey = async (alerts: AlertStore, alertKey: string): Promise<Alert> => {
  const memberId = memberIdOfAlertKey(alertKey);
  const alert = memberId === undefined ? undefined : await alerts.get(memberId, alertKey);
  if (alert === undefined) throw new UnknownAlertError(alertKey);
  return alert;
};
