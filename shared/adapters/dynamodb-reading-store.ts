import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { reuploadKeyOf } from '../domain/blood-pressure/reupload-key.js';
import type { Metric } from '../domain/metric.js';
import type { PutReadingOutcome, ReadingStore } from '../domain/ports/reading-store.js';
import { DENSE_METRICS, type Reading } from '../domain/reading.js';
import { clockGuardSortKey, daySortKey, readingPartitionKey, sparseReadingSortKey } from './table-keys.js';

/** Daily summaries share the dense layout: one item per member-local day, replaced whole. */
const DAILY_METRICS = new Set<Metric>(['resting-heart-rate', 'daily-oxygen-saturation']);

const isDayItem = (metric: Metric): boolean => DENSE_METRICS.has(metric) || DAILY_METRICS.has(metric);

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'contentHash', 'storedAt']);

const reuploadKeyOfReading = (reading: Reading): string | undefined =>
  reading.metric === 'blood-pressure' ? reuploadKeyOf(reading) : undefined;

/**
 * The source part of a sparse reading's sort key. A clock-suspect reading adds its device time and values:
 * several such readings can share one receipt time.
 */
export const sourceKeyOf = (reading: Reading): string => {
  const source =
    reading.provenance.sourceRecordId ?? reading.provenance.deviceId ?? reading.provenance.source;
  const reupload = reuploadKeyOfReading(reading);
  return reupload === undefined ? source : `${source}@${reupload}`;
};

export const readingKeyOf = (reading: Reading): { pk: string; sk: string } => {
  const pk = readingPartitionKey(reading.memberId, reading.metric);
  if (isDayItem(reading.metric) && 'localDate' in reading) {
    return { pk, sk: daySortKey(reading.localDate) };
  }
  return { pk, sk: sparseReadingSortKey(reading.measuredAt, sourceKeyOf(reading)) };
};

const contentHashOf = (reading: Reading): string =>
  createHash('sha256').update(JSON.stringify(reading)).digest('hex');

/**
 * Readings in DynamoDB. Sparse readings are put-if-absent on their natural key, so a re-upload is a duplicate
 * however late it comes. Day items are replaced whole, and an identical rewrite is a no-op (no stream record).
 */
export class DynamoDbReadingStore implements ReadingStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(reading: Reading): Promise<PutReadingOutcome> {
    const key = readingKeyOf(reading);
    const storedAt = new Date().toISOString();
    try {
      if (isDayItem(reading.metric)) {
        const contentHash = contentHashOf(reading);
        const result = await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...reading, ...key, contentHash, storedAt },
            ConditionExpression: 'attribute_not_exists(pk) OR contentHash <> :contentHash',
            ExpressionAttributeValues: { ':contentHash': contentHash },
            ReturnValues: 'ALL_OLD',
          }),
        );
        return result.Attributes === undefined ? 'stored' : 'replaced';
      }
      const reupload = reuploadKeyOfReading(reading);
      if (reupload !== undefined) return await this.putClockSuspect(reading, key, reupload, storedAt);
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...reading, ...key, storedAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'stored';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'duplicate';
      throw error;
    }
  }

  /**
   * A clock-suspect reading's measuredAt (receipt time, or a clock-check correction) moves between uploads, so
   * its key alone cannot recognise a re-upload. A guard item keyed on the device's own time and the values is
   * put in the same transaction: if it exists, the reading was stored before. The guard has no `metric`, so
   * the stream consumer skips it, and its sort key (CLOCK#...) sorts after every time-keyed reading.
   */
  private async putClockSuspect(
    reading: Reading,
    key: { pk: string; sk: string },
    reupload: string,
    storedAt: string,
  ): Promise<PutReadingOutcome> {
    const source =
      reading.provenance.sourceRecordId ?? reading.provenance.deviceId ?? reading.provenance.source;
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { pk: key.pk, sk: clockGuardSortKey(source, reupload), readingSk: key.sk, storedAt },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...reading, ...key, storedAt },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return 'stored';
    } catch (error) {
      const conditionFailed =
        error instanceof TransactionCanceledException &&
        (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed');
      if (conditionFailed) return 'duplicate';
      throw error;
    }
  }

  /** Deletes by natural key; the stream's REMOVE record lets alerts that rested on it be resolved. */
  async delete(reading: Reading): Promise<boolean> {
    const result = await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: readingKeyOf(reading), ReturnValues: 'ALL_OLD' }),
    );
    return result.Attributes !== undefined;
  }

  async listRange(query: {
    memberId: string;
    metric: Metric;
    from?: string;
    to?: string;
    limit?: number;
  }): Promise<Reading[]> {
    const pk = readingPartitionKey(query.memberId, query.metric);
    const dayItems = isDayItem(query.metric);
    // Day items are keyed by local date, which can be a day either side of the UTC date: widen, then filter.
    const lower = dayItems ? daySortKey(shiftDate(query.from ?? '0000-01-01', -1)) : (query.from ?? '0000');
    const upper = dayItems
      ? daySortKey(shiftDate(query.to ?? '9999-12-30', 1))
      : `${query.to ?? '9999'}\uffff`;
    const readings: Reading[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lower AND :upper',
          ExpressionAttributeValues: { ':pk': pk, ':lower': lower, ':upper': upper },
          ExclusiveStartKey: exclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const reading = toReading(item);
        // Intervals end exclusively: a day ending at `from` does not overlap the range.
        if (query.from !== undefined && isBefore(reading, query.from)) continue;
        if (query.to !== undefined && reading.measuredAt > query.to) continue;
        readings.push(reading);
        if (query.limit !== undefined && readings.length >= query.limit) return readings;
      }
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey !== undefined);
    return readings;
  }
}

const isBefore = (reading: Reading & { endAt?: string }, from: string): boolean =>
  reading.endAt !== undefined ? reading.endAt <= from : reading.measuredAt < from;

const shiftDate = (isoDateOrTime: string, days: number): string => {
  const date = new Date(`${isoDateOrTime.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDateOrTime.slice(0, 10);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

const toReading = (item: Record<string, unknown>): Reading & { endAt?: string } => {
  const reading: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (!KEY_ATTRIBUTES.has(name)) reading[name] = value;
  }
  return reading as unknown as Reading & { endAt?: string };
};
