import type { Alert, AlertNotification } from '../alert.js';

/**
 * Puts one notification of an alert on the care-team queue. Must be safe to call twice for the same
 * notification: its dedupeId is the queue's deduplication id.
 */
export interface AlertPublisher {
  publish(alert: Alert, notification: AlertNotification): Promise<void>;
}
