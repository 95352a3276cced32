import type { Alert, AlertNotification } from '../../shared/domain/alert.js';
import type { AlertPublisher } from '../../shared/domain/ports/alert-publisher.js';

export interface SentMessage {
  alert: Alert;
  notification: AlertNotification;
}

export class RecordingPublisher implements AlertPublisher {
  readonly sent: SentMessage[] = [];
  failNext = false;

  async publish(alert: Alert, notification: AlertNotification): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('queue unavailable');
    }
    this.sent.push({ alert: structuredClone(alert), notification: structuredClone(notification) });
  }

  kinds(): string[] {
    return this.sent.map((m) => m.notification.kind);
  }
}
