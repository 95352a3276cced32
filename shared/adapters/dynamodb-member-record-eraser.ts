import { setTimeout as sleep } from 'node:timers/promises';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  paginateQuery,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { METRICS } from '../domain/metric.js';
import type { ErasedRecord, MemberRecordEraser } from '../domain/ports/member-record-eraser.js';
import {
  deliveryPartition,
  memberDevicesPartition,
  memberKey,
  OPEN_SLOT_PREFIX,
  readingPartitionKey,
} from './table-keys.js';

type Key = { pk: string; sk: string };

/** BatchWriteItem takes at most 25 requests. */
const BATCH = 25;
const MAX_UNPROCESSED_ROUNDS = 8;

/**
 * Erases by key prefix across the three tables: MEMBER#<id>#<metric> in readings (every metric in the
 * catalogue), MEMBER#<id> in alerts and directory (every item kind), and DEVICE# items found through the
 * member's gsi1 partition. Queries read keys only; deletes go in batches of 25, retrying unprocessed ones.
 */
export class DynamoDbMemberRecordEraser implements MemberRecordEraser {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tables: { readings: string; directory: string; alerts: string },
  ) {}

  private async keysOf(input: QueryCommandInput): Promise<Key[]> {
    const keys: Key[] = [];
    for await (const page of paginateQuery(
      { client: this.client },
      { ...input, ProjectionExpression: 'pk, sk' },
    )) {
      for (const item of page.Items ?? []) keys.push({ pk: String(item.pk), sk: String(item.sk) });
    }
    return keys;
  }

  private partitionKeys(tableName: string, pk: string): Promise<Key[]> {
    return this.keysOf({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    });
  }

  private async deleteAll(tableName: string, keys: readonly Key[]): Promise<void> {
    for (let start = 0; start < keys.length; start += BATCH) {
      let requests = keys.slice(start, start + BATCH).map((Key) => ({ DeleteRequest: { Key } }));
      for (let round = 0; requests.length > 0; round += 1) {
        if (round === MAX_UNPROCESSED_ROUNDS) {
          throw new Error(`DynamoDB kept ${requests.length} deletes unprocessed; run the erasure again`);
        }
        const result = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
        );
        requests = (result.UnprocessedItems?.[tableName] ?? []).flatMap((request) =>
          request.DeleteRequest?.Key === undefined
            ? []
            : [{ DeleteRequest: { Key: request.DeleteRequest.Key as Key } }],
        );
        if (requests.length > 0) await sleep(50 * 2 ** round);
      }
    }
  }

  async deleteDevices(memberId: string): Promise<number> {
    const keys = await this.keysOf({
      TableName: this.tables.directory,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :devices',
      ExpressionAttributeValues: { ':devices': memberDevicesPartition(memberId) },
    });
    await this.deleteAll(this.tables.directory, keys);
    return keys.length;
  }

  async deleteRecord(memberId: string): Promise<ErasedRecord> {
    const readingKeys = (
      await Promise.all(
        METRICS.map((metric) =>
          this.partitionKeys(this.tables.readings, readingPartitionKey(memberId, metric)),
        ),
      )
    ).flat();
    const alertKeys = await this.partitionKeys(this.tables.alerts, memberKey(memberId).pk);
    const memberKeys = await this.partitionKeys(this.tables.directory, memberKey(memberId).pk);
    // Alert delivery records (their keys name the alert) would otherwise wait for their 30-day TTL.
    const deliveryKeys = await this.partitionKeys(this.tables.directory, deliveryPartition(memberId));
    await this.deleteAll(this.tables.readings, readingKeys);
    await this.deleteAll(this.tables.alerts, alertKeys);
    await this.deleteAll(this.tables.directory, memberKeys);
    await this.deleteAll(this.tables.directory, deliveryKeys);
    const dayBuckets = readingKeys.filter(
      (key) => key.sk.startsWith('DAY#') || key.sk.startsWith('HOUR#'),
    ).length;
    const memberItems: Record<string, number> = {};
    for (const key of memberKeys) {
      const kind = (key.sk.split('#')[0] ?? key.sk).toLowerCase();
      memberItems[kind] = (memberItems[kind] ?? 0) + 1;
    }
    if (deliveryKeys.length > 0) memberItems.delivery = deliveryKeys.length;
    return { readings: readingKeys.length - dayBuckets, dayBuckets, alerts: alertKeys.length, memberItems };
  }

  async beginErasure(memberId: string, at: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tables.directory,
          Key: memberKey(memberId),
          // Off the members index at once: catch-up, summaries and `member list` stop seeing them.
          UpdateExpression:
            'SET erasureRequestedAt = if_not_exists(erasureRequestedAt, :at) REMOVE gsi1pk, gsi1sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async retainRecord(memberId: string, retainUntil: string, at: string): Promise<string | undefined> {
    // The kept alerts stay as they were, but their open slots go: the follow-up schedule would otherwise
    // keep sending reminders about someone who has left.
    const openSlots = await this.keysOf({
      TableName: this.tables.alerts,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :open)',
      ExpressionAttributeValues: { ':pk': memberKey(memberId).pk, ':open': OPEN_SLOT_PREFIX },
      ConsistentRead: true,
    });
    await this.deleteAll(this.tables.alerts, openSlots);
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tables.directory,
          Key: memberKey(memberId),
          // Off the members index: catch-up and `member list` no longer see a member who has left.
          UpdateExpression:
            'SET erasureRequestedAt = if_not_exists(erasureRequestedAt, :at), ' +
            'retainUntil = if_not_exists(retainUntil, :until) REMOVE gsi1pk, gsi1sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at, ':until': retainUntil },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return typeof Attributes?.retainUntil === 'string' ? Attributes.retainUntil : retainUntil;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
