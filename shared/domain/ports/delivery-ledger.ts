/** How delivering one notification to one target ended, for good. */
export type SettledDelivery = 'delivered' | 'refused';

/** One notification settled for one target (an email address or the team webhook). */
export interface DeliveryRecord {
  memberId: string;
  /** The notification's dedupe id: `<alertKey>#<kind>-<position>`. */
  notificationId: string;
  /** `email:<address>` or `webhook`. */
  target: string;
  kind: string;
  outcome: SettledDelivery;
  at: string;
}

/** Makes delivery idempotent: a notification settled for a target is not sent there again. */
export interface DeliveryLedger {
  settled(memberId: string, notificationId: string, target: string): Promise<SettledDelivery | undefined>;
  /** Conditional put: a record that already exists is left as it is (the first outcome stands). */
  record(record: DeliveryRecord): Promise<void>;
}
