import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type _Record as SdkStreamRecord,
  type Shard,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent, StreamRecord } from 'aws-lambda';
import { createLambdaContext } from './lambda-context.js';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws.js';

type StreamEventName = 'INSERT' | 'MODIFY' | 'REMOVE';

export interface StreamHandler {
  handler(event: DynamoDBStreamEvent, context: Context): unknown;
}

export interface StreamRunnerOptions {
  readonly streamArn: string;
  readonly functionName: string;
  readonly handler: StreamHandler['handler'];
  /** DynamoDB Local endpoint. */
  readonly endpoint: string;
  /** SQS endpoint for the on-failure destination. */
  readonly sqsEndpoint?: string;
  /** Like an event source filter on eventName; other records are dropped, as Lambda drops them. */
  readonly eventNames?: readonly StreamEventName[];
  readonly batchSize?: number;
  readonly maximumRetryAttempts?: number;
  readonly bisectBatchOnFunctionError?: boolean;
  /** Queue URL that receives Lambda-style on-failure records (batch info, not the data). */
  readonly onFailureQueueUrl?: string;
  readonly pollIntervalMs?: number;
  readonly retryDelayMs?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

export interface StreamRunner {
  /** Stops polling and waits for the batch in flight. Idempotent. */
  stop(): Promise<void>;
}

interface ShardState {
  readonly shardId: string;
  iterator: string | undefined;
  /** Last record read, to resume after an expired iterator. */
  lastSequenceNumber: string | undefined;
  readonly pending: DynamoDBRecord[];
}

type Outcome = { readonly kind: 'done' } | { readonly kind: 'exhausted'; readonly threw: boolean };

/** SDK images hold binaries as bytes; Lambda events carry them base64-encoded. */
const toLambdaImage = (image: unknown): StreamRecord['NewImage'] =>
  image === undefined
    ? undefined
    : (JSON.parse(
        JSON.stringify(image, function (this: Record<string, unknown>, key: string, value: unknown) {
          const original = this[key];
          return original instanceof Uint8Array ? Buffer.from(original).toString('base64') : value;
        }),
      ) as StreamRecord['NewImage']);

const toLambdaRecord = (record: SdkStreamRecord, streamArn: string): DynamoDBRecord => {
  const stream = record.dynamodb;
  const created = stream?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID ?? randomUUID().replaceAll('-', ''),
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: LOCAL_REGION,
    dynamodb: {
      ...(created === undefined ? {} : { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) }),
      Keys: toLambdaImage(stream?.Keys),
      ...(stream?.NewImage === undefined ? {} : { NewImage: toLambdaImage(stream.NewImage) }),
      ...(stream?.OldImage === undefined ? {} : { OldImage: toLambdaImage(stream.OldImage) }),
      SequenceNumber: stream?.SequenceNumber,
      SizeBytes: stream?.SizeBytes,
      StreamViewType: stream?.StreamViewType,
    },
    eventSourceARN: streamArn,
  };
};

const batchItemFailuresOf = (result: unknown): unknown[] => {
  if (typeof result !== 'object' || result === null || !('batchItemFailures' in result)) return [];
  const failures = result.batchItemFailures;
  return Array.isArray(failures) ? failures : [];
};

/**
 * Index of the first record to retry, or undefined when all succeeded. A failure without a
 * known sequence number fails the whole batch, as Lambda does.
 */
const firstFailedIndex = (records: readonly DynamoDBRecord[], result: unknown): number | undefined => {
  const failures = batchItemFailuresOf(result);
  if (failures.length === 0) return undefined;
  let first = records.length;
  for (const failure of failures) {
    const identifier =
      typeof failure === 'object' && failure !== null && 'itemIdentifier' in failure
        ? failure.itemIdentifier
        : undefined;
    const index = records.findIndex((record) => record.dynamodb?.SequenceNumber === identifier);
    if (typeof identifier !== 'string' || identifier === '' || index === -1) return 0;
    first = Math.min(first, index);
  }
  return first;
};

/**
 * Polls a DynamoDB Local stream and invokes a handler as Lambda's event source mapping does:
 * in order per shard, partial batch responses, bisect on error, a retry limit, and an
 * on-failure record to SQS once retries are exhausted.
 */
export const startStreamRunner = async (options: StreamRunnerOptions): Promise<StreamRunner> => {
  const batchSize = options.batchSize ?? 100;
  const maximumRetryAttempts = options.maximumRetryAttempts ?? 5;
  const bisect = options.bisectBatchOnFunctionError ?? true;
  const pollIntervalMs = options.pollIntervalMs ?? 50;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const sqs =
    options.onFailureQueueUrl === undefined
      ? undefined
      : new SQSClient({
          endpoint: options.sqsEndpoint,
          region: LOCAL_REGION,
          credentials: LOCAL_CREDENTIALS,
        });
  const functionArn = `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${options.functionName}`;
  const shards = new Map<string, ShardState>();
  const finishedShards = new Set<string>();
  let stopped = false;

  const describeShards = async (): Promise<Shard[]> => {
    const shardList: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const page = await streams.send(
        new DescribeStreamCommand({
          StreamArn: options.streamArn,
          ExclusiveStartShardId: exclusiveStartShardId,
        }),
      );
      shardList.push(...(page.StreamDescription?.Shards ?? []));
      exclusiveStartShardId = page.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId !== undefined);
    return shardList;
  };

  const openShard = async (shardId: string, type: 'LATEST' | 'TRIM_HORIZON') => {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: options.streamArn,
        ShardId: shardId,
        ShardIteratorType: type,
      }),
    );
    shards.set(shardId, { shardId, iterator: ShardIterator, lastSequenceNumber: undefined, pending: [] });
  };

  /** Shards present at start begin at LATEST; shards that appear later are read from the start. */
  const discoverShards = async (atStart: boolean) => {
    for (const shard of await describeShards()) {
      const shardId = shard.ShardId;
      if (shardId === undefined || shards.has(shardId) || finishedShards.has(shardId)) continue;
      const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      if (atStart) {
        if (!closed) await openShard(shardId, 'LATEST');
        else finishedShards.add(shardId);
        continue;
      }
      // A child shard waits until its parent is drained, to keep order per key.
      const parent = shard.ParentShardId;
      if (parent !== undefined && shards.has(parent)) continue;
      await openShard(shardId, 'TRIM_HORIZON');
    }
  };

  const sendOnFailure = async (
    shardId: string,
    records: readonly DynamoDBRecord[],
    threw: boolean,
    invokes: number,
  ) => {
    const first = records[0];
    const last = records[records.length - 1];
    const arrival = (record: DynamoDBRecord | undefined) =>
      new Date((record?.dynamodb?.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000).toISOString();
    const failure = {
      requestContext: {
        requestId: randomUUID(),
        functionArn,
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: invokes,
      },
      responseContext: {
        statusCode: 200,
        executedVersion: '$LATEST',
        ...(threw ? { functionError: 'Unhandled' } : {}),
      },
      version: '1.0',
      timestamp: new Date().toISOString(),
      DDBStreamBatchInfo: {
        shardId,
        startSequenceNumber: first?.dynamodb?.SequenceNumber,
        endSequenceNumber: last?.dynamodb?.SequenceNumber,
        approximateArrivalOfFirstRecord: arrival(first),
        approximateArrivalOfLastRecord: arrival(last),
        batchSize: records.length,
        streamArn: options.streamArn,
      },
    };
    if (sqs === undefined || options.onFailureQueueUrl === undefined) {
      log(
        `${options.functionName}: dropped ${records.length} stream record(s) after retries (no on-failure queue)`,
      );
      return;
    }
    await sqs.send(
      new SendMessageCommand({ QueueUrl: options.onFailureQueueUrl, MessageBody: JSON.stringify(failure) }),
    );
  };

  /** Delivers records until they succeed or exhaust their retries. Bisecting does not use up retries. */
  const deliver = async (
    shardId: string,
    batch: readonly DynamoDBRecord[],
    retriesUsed: number,
  ): Promise<void> => {
    let records = batch;
    let retries = retriesUsed;
    let invokes = 0;
    while (records.length > 0 && !stopped) {
      invokes += 1;
      let outcome: Outcome;
      try {
        const result = await options.handler(
          { Records: [...records] },
          createLambdaContext(options.functionName),
        );
        const failedAt = firstFailedIndex(records, result);
        if (failedAt === undefined) return;
        records = records.slice(failedAt);
        outcome = { kind: 'exhausted', threw: false };
      } catch (error) {
        log(`${options.functionName} threw on a stream batch of ${records.length}`, error);
        if (bisect && records.length > 1) {
          const middle = Math.ceil(records.length / 2);
          await deliver(shardId, records.slice(0, middle), retries);
          await deliver(shardId, records.slice(middle), retries);
          return;
        }
        outcome = { kind: 'exhausted', threw: true };
      }
      if (retries >= maximumRetryAttempts) {
        await sendOnFailure(shardId, records, outcome.threw, invokes);
        return;
      }
      retries += 1;
      await sleep(retryDelayMs);
    }
  };

  const filtered = (record: DynamoDBRecord) =>
    options.eventNames === undefined ||
    (record.eventName !== undefined && options.eventNames.includes(record.eventName));

  const pollShard = async (state: ShardState) => {
    if (state.iterator !== undefined && state.pending.length === 0) {
      let page: GetRecordsCommandOutput;
      try {
        page = await streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1000 }));
      } catch (error) {
        if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException))
          throw error;
        // Iterators expire after 15 minutes; resume just after the last record read. DynamoDB Local also
        // answers TrimmedDataAccess for a LATEST iterator on a shard that has never held a record: with
        // nothing read yet, the shard's start is the same place.
        const { ShardIterator } = await streams.send(
          new GetShardIteratorCommand({
            StreamArn: options.streamArn,
            ShardId: state.shardId,
            ...(state.lastSequenceNumber === undefined
              ? { ShardIteratorType: error instanceof TrimmedDataAccessException ? 'TRIM_HORIZON' : 'LATEST' }
              : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: state.lastSequenceNumber }),
          }),
        );
        state.iterator = ShardIterator;
        return;
      }
      state.iterator = page.NextShardIterator;
      for (const record of page.Records ?? []) {
        state.lastSequenceNumber = record.dynamodb?.SequenceNumber ?? state.lastSequenceNumber;
        const lambdaRecord = toLambdaRecord(record, options.streamArn);
        if (filtered(lambdaRecord)) state.pending.push(lambdaRecord);
      }
    }
    while (state.pending.length > 0 && !stopped) {
      const batch = state.pending.slice(0, batchSize);
      await deliver(state.shardId, batch, 0);
      state.pending.splice(0, batch.length);
    }
    if (state.iterator === undefined && state.pending.length === 0) {
      shards.delete(state.shardId);
      finishedShards.add(state.shardId);
    }
  };

  await discoverShards(true);
  let lastDiscovery = Date.now();

  const loop = async () => {
    while (!stopped) {
      try {
        if (Date.now() - lastDiscovery > 1_000 || shards.size === 0) {
          await discoverShards(false);
          lastDiscovery = Date.now();
        }
        await Promise.all([...shards.values()].map(pollShard));
      } catch (error) {
        if (!stopped) log(`${options.functionName}: stream polling failed`, error);
      }
      await sleep(pollIntervalMs);
    }
  };
  const running = loop();

  let stopping: Promise<void> | undefined;
  return {
    stop: () => {
      stopping ??= (async () => {
        stopped = true;
        await running;
        streams.destroy();
        sqs?.destroy();
      })();
      return stopping;
    },
  };
};
