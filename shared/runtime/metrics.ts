import { Metrics } from '@aws-lambda-powertools/metrics';

/** One CloudWatch namespace for every pulse-relay metric; each function is the `service` dimension. */
export const METRICS_NAMESPACE = 'PulseRelay';

/** Metric names that alarms in infra read, so the code and the alarms cannot drift apart. */
export const METRIC_NAMES = {
  /** Uploaded blood-pressure items refused (each one a reading that was not stored). */
  readingsRefused: 'BloodPressureReadingsRefused',
  /** Stored with the clock-suspect flag (time corrected or replaced by the time of receipt). */
  readingsClockSuspect: 'BloodPressureReadingsClockSuspect',
  readingsStored: 'BloodPressureReadingsStored',
} as const;

/**
 * Powertools Metrics in Embedded Metric Format: written to the function's log, so no PutMetricData call and
 * no extra permission. Flushed by the logMetrics middleware at the end of each invocation.
 */
export const createMetrics = (serviceName: string): Metrics =>
  new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
