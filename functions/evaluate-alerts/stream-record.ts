import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { ReadingFacts } from '../../shared/domain/alerts/reading-facts.js';
import { isMetric, type Metric } from '../../shared/domain/metric.js';
import { readingItemSchema } from './reading-item-schema.js';

/**
 * The reading a stream record carries, or undefined when there is nothing to evaluate: a REMOVE,
 * or an item that is not a reading. INSERT covers new sparse readings; MODIFY covers day buckets and
 * daily summaries, which are replaced whole when their content changes.
 */
export const readingFromStreamRecord = (record: DynamoDBRecord): ReadingFacts | undefined => {
  if (record.eventName === 'REMOVE' || record.dynamodb?.NewImage === undefined) {
    return undefined;
  }
  // aws-lambda's AttributeValue type is the same wire shape as the SDK's, declared separately.
  const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
  if (typeof item.metric !== 'string' || !isMetric(item.metric)) {
    return undefined;
  }
  return readingItemSchema.parse(item);
};

/**
 * The reading a REMOVE record deleted (its OldImage), or undefined for any other record or an item that
 * is not a reading. Only what is needed to find the alerts that rested on it.
 */
export const removedReadingFromStreamRecord = (
  record: DynamoDBRecord,
): { memberId: string; metric: Metric; measuredAt: string } | undefined => {
  if (record.eventName !== 'REMOVE' || record.dynamodb?.OldImage === undefined) return undefined;
  const item = unmarshall(record.dynamodb.OldImage as Record<string, AttributeValue>);
  if (typeof item.metric !== 'string' || !isMetric(item.metric)) return undefined;
  if (typeof item.memberId !== 'string' || typeof item.measuredAt !== 'string') return undefined;
  return { memberId: item.memberId, metric: item.metric, measuredAt: item.measuredAt };
};
