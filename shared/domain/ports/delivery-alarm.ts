/** Operational signal: an urgent alert reached no one. Raised as a metric that an alarm watches. */
export interface DeliveryAlarm {
  urgentAlertUndelivered(details: { memberId: string; notificationId: string; reason: string }): void;
}
