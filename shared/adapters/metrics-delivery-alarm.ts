import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DeliveryAlarm } from '../domain/ports/delivery-alarm.js';

export const URGENT_UNDELIVERED_METRIC = 'UrgentAlertUndelivered';

/** Publishes the metric at once (CloudWatch EMF), so the alarm does not wait for the end of the batch. */
export class MetricsDeliveryAlarm implements DeliveryAlarm {
  constructor(
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {}

  urgentAlertUndelivered(details: { memberId: string; notificationId: string; reason: string }): void {
    this.logger.error('urgent alert reached no care-team channel', details);
    this.metrics.addMetric(URGENT_UNDELIVERED_METRIC, MetricUnit.Count, 1);
    this.metrics.publishStoredMetrics();
  }
}
