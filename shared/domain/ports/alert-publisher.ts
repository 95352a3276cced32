import type { Alert } from '../alert.js';

/** Sends an alert to the care-team queue. Must be safe to call twice for the same alert key. */
export interface AlertPublisher {
  publish(alert: Alert): Promise<void>;
}
