import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../domain/audit-record.js';
import type { Device } from '../domain/device.js';
import type { DeviceRegistry, DeviceRotation } from '../domain/ports/device-registry.js';
import * as z from '../domain/zod-mini.js';
import { auditItem } from './dynamodb-audit-log.js';
import { deviceKey, memberDevicesPartition, memberKey } from './table-keys.js';

export class DeviceAlreadyExistsError extends Error {
  constructor(deviceId: string) {
    super(`Device ${deviceId} already exists`);
    this.name = 'DeviceAlreadyExistsError';
  }
}

const deviceItemSchema = z.object({
  deviceId: z.string(),
  memberId: z.string(),
  tokenHash: z.string(),
  createdAt: z.string(),
  expiresAt: z.optional(z.string()),
  revokedAt: z.optional(z.string()),
  revokedBy: z.optional(z.string()),
  previousTokenHash: z.optional(z.string()),
  previousTokenValidUntil: z.optional(z.string()),
  rotatedAt: z.optional(z.string()),
});

const conditionFailed = (error: unknown): boolean =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed');

/**
 * Device credentials in the directory table, keyed by device id for the authoriser and indexed by member
 * (gsi1) for listing and erasure. Each change and its audit record are one transaction.
 */
export class DynamoDbDeviceRegistry implements DeviceRegistry {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Runs a transaction whose conditions may fail; returns whether it was applied. */
  private async transact(
    items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>,
  ) {
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  private auditPut(audit: AuditRecord) {
    return {
      Put: {
        TableName: this.tableName,
        Item: auditItem(audit),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  async registerDevice(device: Device, audit: AuditRecord): Promise<void> {
    const applied = await this.transact([
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...deviceKey(device.deviceId),
            type: 'device',
            gsi1pk: memberDevicesPartition(device.memberId),
            gsi1sk: `${device.createdAt}#${device.deviceId}`,
            ...device,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      // The member now has home monitoring: the first registration starts the bp-no-readings clock.
      {
        Update: {
          TableName: this.tableName,
          Key: memberKey(device.memberId),
          UpdateExpression: 'SET bloodPressureMonitorSince = if_not_exists(bloodPressureMonitorSince, :at)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': device.createdAt },
        },
      },
      this.auditPut(audit),
    ]);
    if (!applied) throw new DeviceAlreadyExistsError(device.deviceId);
  }

  async getDevice(deviceId: string): Promise<Device | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: deviceKey(deviceId), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : deviceItemSchema.parse(Item);
  }

  async listDevices(memberId: string): Promise<Device[]> {
    const devices: Device[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :devices',
        ExpressionAttributeValues: { ':devices': memberDevicesPartition(memberId) },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) devices.push(deviceItemSchema.parse(item));
    }
    return devices;
  }

  revokeDevice(deviceId: string, audit: AuditRecord): Promise<boolean> {
    return this.transact([
      {
        Update: {
          TableName: this.tableName,
          Key: deviceKey(deviceId),
          UpdateExpression:
            'SET revokedAt = :at, revokedBy = :by REMOVE previousTokenHash, previousTokenValidUntil',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':at': audit.at, ':by': audit.by },
        },
      },
      this.auditPut(audit),
    ]);
  }

  rotateDevice(deviceId: string, rotation: DeviceRotation, audit: AuditRecord): Promise<boolean> {
    return this.transact([
      {
        Update: {
          TableName: this.tableName,
          Key: deviceKey(deviceId),
          UpdateExpression:
            'SET tokenHash = :hash, previousTokenHash = :replaced, previousTokenValidUntil = :graceEnd, ' +
            `rotatedAt = :at${rotation.expiresAt === undefined ? ' REMOVE expiresAt' : ', expiresAt = :expiresAt'}`,
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(revokedAt) AND tokenHash = :replaced',
          ExpressionAttributeValues: {
            ':hash': rotation.tokenHash,
            ':replaced': rotation.replacedTokenHash,
            ':graceEnd': rotation.previousTokenValidUntil,
            ':at': rotation.rotatedAt,
            ...(rotation.expiresAt === undefined ? {} : { ':expiresAt': rotation.expiresAt }),
          },
        },
      },
      this.auditPut(audit),
    ]);
  }
}
