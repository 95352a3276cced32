import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { reuploadKeyOf } from '../domain/blood-pressure/reupload-key.js';
import type { Metric } from '../domain/metric.js';
import type { PutReadingOptions, PutReadingOutcome, ReadingStore } from '../domain/ports/reading-store.js';
import { DENSE_METRICS, HOUR_BUCKET_METRICS, type Reading } from '../domain/reading.js';
import { decodeSamples, encodeSamples, SAMPLE_ENCODING } from './dense-sample-codec.js';
import {
  clockGuardSortKey,
  daySortKey,
  hourSortKey,
  readingPartitionKey,
  sparseReadingSortKey,
} from './table-keys.js';

/** Daily summaries share the day layout: one item per member-local day, replaced whole. */
const DAILY_METRICS = new Set<Metric>(['resting-heart-rate', 'daily-oxygen-saturation']);

const isHourBucket = (metric: Metric): boolean => HOUR_BUCKET_METRICS.has(metric);
const isDayItem = (metric: Metric): boolean =>
  (DENSE_METRICS.has(metric) && !isHourBucket(metric)) || DAILY_METRICS.has(metric);

/**
 * Most samples one item holds. Even at the worst case of the encoding (13 bytes a sample: a 4-byte time
 * delta, its run length and an 8-byte double) 14,400 samples stay under 190 KB, far below DynamoDB's
 * 400 KB item limit, so no density can make a write fail. 1 Hz is 3,600 samples an hour: one part.
 */
export const MAX_SAMPLES_PER_ITEM = 14_400;

const STORAGE_ATTRIBUTES = new Set([
  'pk',
  'sk',
  'contentHash',
  'storedAt',
  'fetchedAt',
  'part',
  'parts',
  'sampleEncoding',
  'sampleCount',
  'encodedSamples',
]);

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
  if (isHourBucket(reading.metric)) return { pk, sk: hourSortKey(reading.measuredAt, 0) };
  if (isDayItem(reading.metric) && 'localDate' in reading) {
    return { pk, sk: daySortKey(reading.localDate) };
  }
  return { pk, sk: sparseReadingSortKey(reading.measuredAt, sourceKeyOf(reading)) };
};

const hashOf = (content: unknown): string =>
  createHash('sha256').update(JSON.stringify(content)).digest('hex');

/** One replaceable item, before storage metadata (storedAt, fetchedAt) is added. */
interface ReplaceableItem {
  key: { pk: string; sk: string };
  attributes: Record<string, unknown>;
  contentHash: string;
}

/** An hour bucket as one or more items of at most MAX_SAMPLES_PER_ITEM samples, each encoded compactly. */
const hourBucketItems = (reading: Reading & { samples: Array<[number, number]> }): ReplaceableItem[] => {
  const pk = readingPartitionKey(reading.memberId, reading.metric);
  const { samples, ...metadata } = reading;
  const parts = Math.max(1, Math.ceil(samples.length / MAX_SAMPLES_PER_ITEM));
  return Array.from({ length: parts }, (_, part) => {
    const slice = samples.slice(part * MAX_SAMPLES_PER_ITEM, (part + 1) * MAX_SAMPLES_PER_ITEM);
    return {
      key: { pk, sk: hourSortKey(reading.measuredAt, part) },
      attributes: {
        ...metadata,
        part,
        parts,
        sampleEncoding: SAMPLE_ENCODING,
        sampleCount: slice.length,
        encodedSamples: encodeSamples(slice),
      },
      contentHash: hashOf({ metadata, part, parts, slice }),
    };
  });
};

const OUTCOME_RANK: Record<PutReadingOutcome, number> = { duplicate: 0, stale: 1, stored: 2, replaced: 3 };

/**
 * Readings in DynamoDB.
 * - Sparse readings are put-if-absent on their natural key, so a re-upload is a duplicate however late.
 * - Dense samples are one item per UTC hour (split into parts only beyond 14,400 samples), encoded
 *   losslessly and compactly; steps and daily summaries are one item per member-local day.
 * - Replaceable items are compared before writing: an unchanged item is read (0.5-1 read unit) and not
 *   written, so it costs no write units and makes no stream record. With `fetchedAt`, an item written
 *   from a later fetch is never overwritten by one from an earlier fetch (the condition checks it).
 * With `countWriteUnits`, the write units DynamoDB reports (ConsumedCapacity) are added up in
 * `consumedWriteUnits`: the benchmark and tests measure the real cost this way.
 */
export class DynamoDbReadingStore implements ReadingStore {
  consumedWriteUnits = 0;
  private readonly capacity: { ReturnConsumedCapacity?: 'TOTAL' };

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: { countWriteUnits?: boolean } = {},
  ) {
    this.capacity = options.countWriteUnits === true ? { ReturnConsumedCapacity: 'TOTAL' } : {};
  }

  async put(reading: Reading, options: PutReadingOptions = {}): Promise<PutReadingOutcome> {
    if (isHourBucket(reading.metric) && 'samples' in reading) {
      const items = hourBucketItems(reading);
      const results = await Promise.all(items.map((item) => this.replace(item, options)));
      const first = results[0];
      if (first !== undefined && (first.outcome === 'stored' || first.outcome === 'replaced')) {
        await this.removeSurplusParts(items, first.storedParts, options);
      }
      return results
        .map((result) => result.outcome)
        .reduce((worst, outcome) => (OUTCOME_RANK[outcome] > OUTCOME_RANK[worst] ? outcome : worst));
    }
    if (isDayItem(reading.metric)) {
      const result = await this.replace(
        { key: readingKeyOf(reading), attributes: { ...reading }, contentHash: hashOf(reading) },
        options,
      );
      return result.outcome;
    }
    const key = readingKeyOf(reading);
    const storedAt = new Date().toISOString();
    const reupload = reuploadKeyOfReading(reading);
    if (reupload !== undefined) return await this.putClockSuspect(reading, key, reupload, storedAt);
    try {
      const result = await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...reading, ...key, storedAt },
          ConditionExpression: 'attribute_not_exists(pk)',
          ...this.capacity,
        }),
      );
      this.consumedWriteUnits += result.ConsumedCapacity?.CapacityUnits ?? 0;
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

  /** Compare, then write only a changed item that is not older than what is stored. */
  private async replace(
    item: ReplaceableItem,
    options: PutReadingOptions,
  ): Promise<{ outcome: PutReadingOutcome; storedParts: number }> {
    const { Item: stored } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: item.key,
        ConsistentRead: true,
        ProjectionExpression: 'contentHash, fetchedAt, parts',
      }),
    );
    const storedParts = typeof stored?.parts === 'number' ? stored.parts : 1;
    if (stored?.contentHash === item.contentHash) return { outcome: 'duplicate', storedParts };
    const fetchedAt = options.fetchedAt;
    if (fetchedAt !== undefined && typeof stored?.fetchedAt === 'string' && stored.fetchedAt > fetchedAt) {
      return { outcome: 'stale', storedParts };
    }
    try {
      const result = await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...item.attributes,
            ...item.key,
            contentHash: item.contentHash,
            ...(fetchedAt === undefined ? {} : { fetchedAt }),
            storedAt: new Date().toISOString(),
          },
          // Guards the race between the read and the write: a newer fetch may have landed in between.
          ...(fetchedAt === undefined
            ? {
                ConditionExpression: 'attribute_not_exists(pk) OR contentHash <> :contentHash',
                ExpressionAttributeValues: { ':contentHash': item.contentHash },
              }
            : {
                ConditionExpression:
                  'attribute_not_exists(pk) OR attribute_not_exists(fetchedAt) OR fetchedAt <= :fetchedAt',
                ExpressionAttributeValues: { ':fetchedAt': fetchedAt },
              }),
          ...this.capacity,
        }),
      );
      this.consumedWriteUnits += result.ConsumedCapacity?.CapacityUnits ?? 0;
      return { outcome: stored === undefined ? 'stored' : 'replaced', storedParts };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        return { outcome: fetchedAt === undefined ? 'duplicate' : 'stale', storedParts };
      }
      throw error;
    }
  }

  /** An hour that shrank to fewer parts (upstream deleted samples) must not keep its old tail. */
  private async removeSurplusParts(
    items: ReplaceableItem[],
    storedParts: number,
    options: PutReadingOptions,
  ): Promise<void> {
    const first = items[0];
    if (first === undefined) return;
    for (let part = items.length; part < storedParts; part += 1) {
      const result = await this.client
        .send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: { pk: first.key.pk, sk: hourSortKey(String(first.attributes.measuredAt), part) },
            ...this.capacity,
            ...(options.fetchedAt === undefined
              ? {}
              : {
                  ConditionExpression: 'attribute_not_exists(fetchedAt) OR fetchedAt <= :fetchedAt',
                  ExpressionAttributeValues: { ':fetchedAt': options.fetchedAt },
                }),
          }),
        )
        .catch((error: unknown) => {
          if (error instanceof ConditionalCheckFailedException) return undefined;
          throw error;
        });
      this.consumedWriteUnits += result?.ConsumedCapacity?.CapacityUnits ?? 0;
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
    const { lower, upper } = sortKeyRange(query);
    const readings: Reading[] = [];
    let pendingParts: Array<Record<string, unknown>> = [];
    const flushParts = (): boolean => {
      if (pendingParts.length === 0) return false;
      const reading = hourBucketFromParts(pendingParts);
      pendingParts = [];
      return accept(reading);
    };
    const accept = (reading: Reading & { endAt?: string }): boolean => {
      // Intervals end exclusively: a day or hour ending at `from` does not overlap the range.
      if (query.from !== undefined && isBefore(reading, query.from)) return false;
      if (query.to !== undefined && reading.measuredAt > query.to) return false;
      readings.push(reading);
      return query.limit !== undefined && readings.length >= query.limit;
    };
    // Pages are fetched lazily: returning at the limit stops the paginator before the next page.
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lower AND :upper',
        ExpressionAttributeValues: { ':pk': pk, ':lower': lower, ':upper': upper },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        if (isHourBucket(query.metric)) {
          // Parts of one hour are adjacent in key order; a new hour starts with part 0.
          if (item.part === 0 || item.part === undefined) {
            if (flushParts()) return readings;
          }
          pendingParts.push(item);
          continue;
        }
        if (accept(toReading(item))) return readings;
      }
    }
    flushParts();
    return readings;
  }
}

const HOUR_MS = 3_600_000;

const hourFloor = (isoTime: string | undefined, fallback: string): string => {
  const ms = isoTime === undefined ? Number.NaN : Date.parse(isoTime);
  return Number.isNaN(ms) ? fallback : new Date(Math.floor(ms / HOUR_MS) * HOUR_MS).toISOString();
};

const sortKeyRange = (query: { metric: Metric; from?: string; to?: string }) => {
  if (isHourBucket(query.metric)) {
    return {
      lower: hourSortKey(hourFloor(query.from, '0000'), 0),
      upper: `${hourSortKey(hourFloor(query.to, '9999'), 0)}\uffff`,
    };
  }
  if (isDayItem(query.metric)) {
    // Day items are keyed by local date, which can be a day either side of the UTC date: widen, then filter.
    return {
      lower: daySortKey(shiftDate(query.from ?? '0000-01-01', -1)),
      upper: daySortKey(shiftDate(query.to ?? '9999-12-30', 1)),
    };
  }
  return { lower: query.from ?? '0000', upper: `${query.to ?? '9999'}\uffff` };
};

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
    if (!STORAGE_ATTRIBUTES.has(name)) reading[name] = value;
  }
  return reading as unknown as Reading & { endAt?: string };
};

/** Joins an hour's parts (in key order) back into one bucket with its exact samples. */
const hourBucketFromParts = (parts: Array<Record<string, unknown>>): Reading & { endAt?: string } => {
  const samples: Array<[number, number]> = [];
  for (const part of parts) {
    if (!(part.encodedSamples instanceof Uint8Array)) continue;
    for (const sample of decodeSamples(part.encodedSamples)) samples.push(sample);
  }
  return { ...toReading(parts[0] ?? {}), samples } as unknown as Reading & { endAt?: string };
};
