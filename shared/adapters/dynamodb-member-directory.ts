import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Device } from '../domain/device.js';
import type { Member } from '../domain/member.js';
import type { MemberDirectory } from '../domain/ports/member-directory.js';
import { deviceKey, MEMBERS_INDEX, memberKey } from './table-keys.js';

export class MemberAlreadyExistsError extends Error {
  constructor(memberId: string) {
    super(`Member ${memberId} already exists`);
    this.name = 'MemberAlreadyExistsError';
  }
}

export class DeviceAlreadyExistsError extends Error {
  constructor(deviceId: string) {
    super(`Device ${deviceId} already exists`);
    this.name = 'DeviceAlreadyExistsError';
  }
}

const toMember = (item: Record<string, unknown>): Member => ({
  memberId: String(item.memberId),
  name: String(item.name),
  timezone: String(item.timezone),
  createdAt: String(item.createdAt),
  ...(typeof item.bloodPressureMonitorSince === 'string'
    ? { bloodPressureMonitorSince: item.bloodPressureMonitorSince }
    : {}),
});

/** Members and their devices in the single-table directory. */
export class DynamoDbMemberDirectory implements MemberDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createMember(member: Member): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...memberKey(member.memberId),
            gsi1pk: MEMBERS_INDEX.partitionValue,
            gsi1sk: `${member.createdAt}#${member.memberId}`,
            type: 'member',
            ...member,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new MemberAlreadyExistsError(member.memberId);
      throw error;
    }
  }

  async getMember(memberId: string): Promise<Member | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: memberKey(memberId) }),
    );
    return Item === undefined ? undefined : toMember(Item);
  }

  async listMembers(): Promise<Member[]> {
    const members: Member[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: MEMBERS_INDEX.name,
          KeyConditionExpression: 'gsi1pk = :members',
          ExpressionAttributeValues: { ':members': MEMBERS_INDEX.partitionValue },
          ExclusiveStartKey: exclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) members.push(toMember(item));
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey !== undefined);
    return members;
  }

  async registerDevice(device: Device): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...deviceKey(device.deviceId), type: 'device', ...device },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new DeviceAlreadyExistsError(device.deviceId);
      throw error;
    }
    // The member now has home monitoring: the first registration starts the bp-no-readings clock.
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: memberKey(device.memberId),
        UpdateExpression: 'SET bloodPressureMonitorSince = if_not_exists(bloodPressureMonitorSince, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': device.createdAt },
      }),
    );
  }

  async getDevice(deviceId: string): Promise<Device | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: deviceKey(deviceId) }),
    );
    if (Item === undefined) return undefined;
    return {
      deviceId: Item.deviceId,
      memberId: Item.memberId,
      tokenHash: Item.tokenHash,
      createdAt: Item.createdAt,
    };
  }
}
