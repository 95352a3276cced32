import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DeviceAlreadyExistsError,
  DynamoDbDeviceRegistry,
} from '../../../shared/adapters/dynamodb-device-registry.js';
import type { AuditRecord } from '../../../shared/domain/audit-record.js';
import { answerQueryPages } from './support/query-pages.js';

const documentClient = mockClient(DynamoDBDocumentClient);
const registry = new DynamoDbDeviceRegistry(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' })),
  'directory',
);
const device = {
  deviceId: 'd-1',
  memberId: 'm-1',
  tokenHash: 'ab'.repeat(32),
  createdAt: '2026-11-20T10:00:00.000Z',
};
const audit = (action: AuditRecord['action']): AuditRecord => ({
  memberId: 'm-1',
  action,
  at: '2026-11-21T09:00:00.000Z',
  by: 'jo',
  subjectId: 'd-1',
});
const auditPut = (action: AuditRecord['action']) => ({
  Put: {
    TableName: 'directory',
    Item: {
      pk: 'AUDIT#m-1',
      sk: `2026-11-21T09:00:00.000Z#${action}#d-1`,
      type: 'audit',
      ...audit(action),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});
const cancelled = () =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
  });
const transactInput = () => documentClient.commandCalls(TransactWriteCommand)[0]?.args[0].input;

describe('DynamoDbDeviceRegistry', () => {
  beforeEach(() => documentClient.reset());

  it('registers a device under its own key, indexed by member, with its audit record and the member monitoring start in one transaction', async () => {
    documentClient.on(TransactWriteCommand).resolves({});
    await registry.registerDevice(device, audit('device-registered'));
    expect(transactInput()).toEqual({
      TransactItems: [
        {
          Put: {
            TableName: 'directory',
            Item: {
              pk: 'DEVICE#d-1',
              sk: 'DEVICE',
              type: 'device',
              gsi1pk: 'DEVICES#m-1',
              gsi1sk: '2026-11-20T10:00:00.000Z#d-1',
              ...device,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        // The first monitor starts the member's bp-no-readings clock; a later one keeps the first time.
        {
          Update: {
            TableName: 'directory',
            Key: { pk: 'MEMBER#m-1', sk: 'PROFILE' },
            UpdateExpression: 'SET bloodPressureMonitorSince = if_not_exists(bloodPressureMonitorSince, :at)',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':at': '2026-11-20T10:00:00.000Z' },
          },
        },
        auditPut('device-registered'),
      ],
    });
    documentClient.on(TransactWriteCommand).rejects(cancelled());
    await expect(registry.registerDevice(device, audit('device-registered'))).rejects.toBeInstanceOf(
      DeviceAlreadyExistsError,
    );
  });

  it('reads a device with a consistent read, so a revocation counts at once', async () => {
    documentClient.on(GetCommand).resolves({});
    documentClient
      .on(GetCommand, {
        TableName: 'directory',
        Key: { pk: 'DEVICE#d-1', sk: 'DEVICE' },
        ConsistentRead: true,
      })
      .resolves({
        Item: { pk: 'DEVICE#d-1', sk: 'DEVICE', type: 'device', gsi1pk: 'DEVICES#m-1', ...device },
      });
    await expect(registry.getDevice('d-1')).resolves.toEqual(device);
    await expect(registry.getDevice('d-2')).resolves.toBeUndefined();
  });

  it("lists a member's devices through gsi1, following pages", async () => {
    const sent = answerQueryPages(documentClient, [
      { Items: [device], LastEvaluatedKey: { pk: 'x' } },
      { Items: [{ ...device, deviceId: 'd-2' }] },
    ]);
    await expect(registry.listDevices('m-1')).resolves.toEqual([device, { ...device, deviceId: 'd-2' }]);
    const firstPage = {
      TableName: 'directory',
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :devices',
      ExpressionAttributeValues: { ':devices': 'DEVICES#m-1' },
    };
    expect(sent).toEqual([firstPage, { ...firstPage, ExclusiveStartKey: { pk: 'x' } }]);
  });

  it('revokes only a device not yet revoked, dropping its grace token, with the audit record', async () => {
    documentClient.on(TransactWriteCommand).resolves({});
    await expect(registry.revokeDevice('d-1', audit('device-revoked'))).resolves.toBe(true);
    expect(transactInput()).toEqual({
      TransactItems: [
        {
          Update: {
            TableName: 'directory',
            Key: { pk: 'DEVICE#d-1', sk: 'DEVICE' },
            UpdateExpression:
              'SET revokedAt = :at, revokedBy = :by REMOVE previousTokenHash, previousTokenValidUntil',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: { ':at': '2026-11-21T09:00:00.000Z', ':by': 'jo' },
          },
        },
        auditPut('device-revoked'),
      ],
    });
    documentClient.on(TransactWriteCommand).rejects(cancelled());
    await expect(registry.revokeDevice('d-1', audit('device-revoked'))).resolves.toBe(false);
  });

  it('rotates only from the token it replaces, keeping that one as the grace token', async () => {
    documentClient.on(TransactWriteCommand).resolves({});
    const rotation = {
      tokenHash: 'cd'.repeat(32),
      replacedTokenHash: device.tokenHash,
      previousTokenValidUntil: '2026-11-22T09:00:00.000Z',
      rotatedAt: '2026-11-21T09:00:00.000Z',
    };
    await expect(registry.rotateDevice('d-1', rotation, audit('device-rotated'))).resolves.toBe(true);
    expect(transactInput()).toEqual({
      TransactItems: [
        {
          Update: {
            TableName: 'directory',
            Key: { pk: 'DEVICE#d-1', sk: 'DEVICE' },
            UpdateExpression:
              'SET tokenHash = :hash, previousTokenHash = :replaced, previousTokenValidUntil = :graceEnd, ' +
              'rotatedAt = :at REMOVE expiresAt',
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(revokedAt) AND tokenHash = :replaced',
            ExpressionAttributeValues: {
              ':hash': rotation.tokenHash,
              ':replaced': device.tokenHash,
              ':graceEnd': '2026-11-22T09:00:00.000Z',
              ':at': '2026-11-21T09:00:00.000Z',
            },
          },
        },
        auditPut('device-rotated'),
      ],
    });
  });
});
