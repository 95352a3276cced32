/** One notification delivered to one target (an email address or the team webhook). */
export interface DeliveryRecord {
  memberId: string;
  notificationId: string;
  /** `email:<address>` or `webhook`. */
  target: string;
  kind: string;
  deliveredAt: string;
}

/** Makes delivery idempotent: a notification already delivered to a target is not sent there again. */
export interface DeliveryLedger {
  wasDelivered(memberId: string, notificationId: string, target: string): Promise<boolean>;
  /** Conditional put: a record that already exists is left as it is (the first delivery time stays). */
  recordDelivered(record: DeliveryRecord): Promise<void>;
}
