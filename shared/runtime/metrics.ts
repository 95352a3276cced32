import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MetricName } from './metric-catalogue.js';

/**
 * One Powertools Metrics instance per function (embedded metric format: the figures travel in the log
 * stream, so there is no PutMetricData call and no extra IAM). Namespace and `service` dimension come from
 * POWERTOOLS_METRICS_NAMESPACE and POWERTOOLS_SERVICE_NAME, set by the function construct.
 */
const metrics = new Metrics();

/**
 * Emits counts that share dimensions as one EMF line, at once. Synchronous, so concurrent work in one
 * invocation cannot mix another call's dimensions into it. Never pass identifiers or health values as
 * dimensions: each distinct value is a billed metric, and dimensions are not secret.
 */
export const recordCounts = (
  dimensions: Readonly<Record<string, string>>,
  counts: Readonly<Partial<Record<MetricName, number>>>,
): void => {
  const entries = Object.entries(counts).filter(
    (entry): entry is [MetricName, number] => entry[1] !== undefined,
  );
  if (entries.length === 0) return;
  for (const [name, value] of Object.entries(dimensions)) metrics.addDimension(name, value);
  for (const [name, value] of entries) metrics.addMetric(name, MetricUnit.Count, value);
  metrics.publishStoredMetrics();
};
