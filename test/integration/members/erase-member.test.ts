import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaContext } from '../../../local/lambda-context.js';
import { DynamoDbAlertStore } from '../../../shared/adapters/dynamodb-alert-store.js';
import { DynamoDbAuditLog } from '../../../shared/adapters/dynamodb-audit-log.js';
import { DynamoDbDeliveryLedger } from '../../../shared/adapters/dynamodb-delivery-ledger.js';
import { DynamoDbDeviceRegistry } from '../../../shared/adapters/dynamodb-device-registry.js';
import { createDocumentClient } from '../../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbInvitationStore } from '../../../shared/adapters/dynamodb-invitation-store.js';
import { DynamoDbLinkRegistry } from '../../../shared/adapters/dynamodb-link-registry.js';
import { DynamoDbLinkStore } from '../../../shared/adapters/dynamodb-link-store.js';
import { DynamoDbMemberDirectory } from '../../../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbMemberRecordEraser } from '../../../shared/adapters/dynamodb-member-record-eraser.js';
import { DynamoDbReadingStore } from '../../../shared/adapters/dynamodb-reading-store.js';
import {
  alertKeyOf,
  daySortKey,
  hourSortKey,
  readingPartitionKey,
  sparseReadingSortKey,
  thresholdsKey,
} from '../../../shared/adapters/table-keys.js';
import type { Clock } from '../../../shared/domain/clock.js';
import type { GoogleOAuth } from '../../../shared/domain/link/google-oauth.js';
import { unlink } from '../../../shared/domain/link/unlink.js';
import { eraseMember } from '../../../shared/domain/members/erase-member.js';
import { registerDevice } from '../../../shared/domain/members/register-device.js';
import type { RetentionRule } from '../../../shared/domain/members/retention-rule.js';
import type { TokenVault } from '../../../shared/domain/ports/token-vault.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';
import { receiveAll } from '../support/queue-messages.js';

/**
 * Test matrix row 10: `member erase` proven by scanning every table in DynamoDB Local. The member has data
 * in every table and every item kind; another member's data must be untouched.
 */
let stack: IsolatedStack;
const client = createDocumentClient();
const revoked: string[] = [];
const oauth: GoogleOAuth = {
  authorizationUrl: () => 'https://google.test',
  exchangeCode: () => Promise.reject(new Error('not used')),
  refresh: () => Promise.reject(new Error('not used')),
  revoke: async (token) => {
    revoked.push(token);
  },
};
const vault: TokenVault = {
  seal: async (memberId, bundle) => ({
    scheme: 'local',
    iv: memberId,
    ciphertext: JSON.stringify(bundle),
    authTag: 't',
  }),
  open: async (_memberId, sealed) => JSON.parse(sealed.ciphertext),
};
const clock: Clock = { now: () => new Date() };

const adapters = () => {
  const { tables } = stack.resources;
  return {
    tables,
    links: new DynamoDbLinkStore(client, tables.directory),
    registry: new DynamoDbLinkRegistry(client, tables.directory),
    invitations: new DynamoDbInvitationStore(client, tables.directory),
    directory: new DynamoDbMemberDirectory(client, tables.directory),
    devices: new DynamoDbDeviceRegistry(client, tables.directory),
    audit: new DynamoDbAuditLog(client, tables.directory),
    eraser: new DynamoDbMemberRecordEraser(client, tables),
  };
};

const put = (TableName: string, Item: Record<string, unknown>) =>
  client.send(new PutCommand({ TableName, Item }));

/** A member with data in every table: readings of two metrics, a day bucket and a two-part hour item,
 * alerts, thresholds, activity, a Google link with tokens and account mapping, open and used invitations,
 * two devices, audit records. */
const seedMember = async (memberId: string, healthUserId: string) => {
  const a = adapters();
  await a.directory.createMember({
    memberId,
    name: `Name of ${memberId}`,
    timezone: 'Europe/London',
    createdAt: '2026-11-01T00:00:00.000Z',
  });
  await registerDevice(memberId, { ...a, clock }, { by: 'alex' });
  await registerDevice(memberId, { ...a, clock }, { by: 'alex', expiresInDays: 30 });
  await put(a.tables.readings, {
    pk: readingPartitionKey(memberId, 'blood-pressure'),
    sk: sparseReadingSortKey('2026-11-20T08:00:00.000Z', 'json'),
    memberId,
    systolic: 182,
    diastolic: 111,
  });
  await put(a.tables.readings, {
    pk: readingPartitionKey(memberId, 'oxygen-saturation'),
    sk: sparseReadingSortKey('2026-11-20T03:00:00.000Z', 'google'),
    memberId,
    percent: 91,
  });
  await put(a.tables.readings, {
    pk: readingPartitionKey(memberId, 'steps'),
    sk: daySortKey('2026-11-20'),
    memberId,
    total: 4200,
  });
  // Dense samples are one item per UTC hour (w7-dense), plus a further part of a very dense hour.
  for (const part of [0, 1]) {
    await put(a.tables.readings, {
      pk: readingPartitionKey(memberId, 'heart-rate'),
      sk: hourSortKey('2026-11-20T03:00:00.000Z', part),
      memberId,
      encodedSamples: new Uint8Array([1, 2, 3]),
    });
  }
  await put(a.tables.alerts, {
    ...alertKeyOf(memberId, 'bp-severe#2026-11-20'),
    gsi1pk: 'ALERTS',
    gsi1sk: '2026-11-20T08:00:01.000Z',
    memberId,
    systolic: 182,
  });
  await put(a.tables.alerts, { pk: `MEMBER#${memberId}`, sk: 'NOTIFICATION#2026-11-20#bp-severe', memberId });
  await new DynamoDbDeliveryLedger(client, a.tables.directory).record({
    memberId,
    notificationId: `${memberId}#bp-severe#2026-11-20#raised-0`,
    target: 'email:care@example.org',
    kind: 'raised',
    outcome: 'delivered',
    at: '2026-11-20T08:00:02.000Z',
  });
  await put(a.tables.directory, {
    ...thresholdsKey(memberId),
    overrides: { bloodPressure: { severeSystolic: 170 } },
  });
  await put(a.tables.directory, {
    pk: `MEMBER#${memberId}`,
    sk: 'THRESHOLD-HISTORY#2026-11-19',
    memberId,
    by: 'alex',
  });
  await put(a.tables.directory, {
    pk: `MEMBER#${memberId}`,
    sk: 'ACTIVITY#wearable',
    lastDataAt: '2026-11-20T03:00:00.000Z',
  });
  const base = {
    memberId,
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  };
  await a.invitations.putInvitation({ ...base, invitationId: `${memberId}-used-invitation-0001` });
  await a.invitations.putInvitation({ ...base, invitationId: `${memberId}-open-invitation-0001` });
  await a.registry.createLink({
    memberId,
    healthUserId,
    timezone: 'Europe/London',
    sealed: await vault.seal(memberId, {
      refreshToken: `refresh-${memberId}`,
      accessToken: 'a',
      accessTokenExpiresAt: '2026-11-20T09:00:00.000Z',
      scope: 's',
    }),
    invitationId: `${memberId}-used-invitation-0001`,
    now: new Date(),
  });
};

const scanAll = async () => {
  const { tables } = stack.resources;
  const items: { table: string; item: Record<string, unknown> }[] = [];
  for (const table of Object.values(tables)) {
    const { Items = [] } = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
    for (const item of Items) items.push({ table, item });
  }
  return items;
};
const mentioning = (items: Awaited<ReturnType<typeof scanAll>>, text: string) =>
  items.filter(({ item }) => JSON.stringify(item).includes(text));

const erase = (memberId: string, rule: RetentionRule = { kind: 'erase' }) => {
  const a = adapters();
  return eraseMember(memberId, 'jo', rule, {
    ...a,
    invitations: a.invitations,
    clock,
    unlink: (id) =>
      unlink(id, { tokens: a.links, registry: a.registry, vault, oauth, invitations: a.invitations, clock }),
  });
};

beforeAll(async () => {
  stack = await createIsolatedStack();
  await seedMember('m-leaver', 'hu-leaver');
  await seedMember('m-stayer', 'hu-stayer');
});

afterAll(async () => {
  await stack?.stop();
});

describe('member erase against DynamoDB Local', () => {
  it('leaves nothing of the member but audit records without health data, and touches no one else', async () => {
    const before = await scanAll();
    const stayerBefore = mentioning(before, 'm-stayer');
    expect(mentioning(before, 'm-leaver').length).toBeGreaterThanOrEqual(16);

    const outcome = await erase('m-leaver');

    expect(revoked).toEqual(['refresh-m-leaver']);
    expect(outcome).toEqual({
      memberId: 'm-leaver',
      retention: 'erase',
      alreadyErased: false,
      removed: {
        googleToken: 'revoked',
        link: true,
        invitations: 2,
        devices: 2,
        readings: 2,
        dayBuckets: 3,
        alerts: 2,
        memberItems: { profile: 1, thresholds: 1, 'threshold-history': 1, activity: 1, link: 1, delivery: 1 },
      },
    });
    const after = await scanAll();
    const left = mentioning(after, 'm-leaver').concat(mentioning(after, 'hu-leaver'));
    expect(left.length).toBeGreaterThan(0);
    for (const { item } of left) {
      expect(item.pk).toBe('AUDIT#m-leaver');
      expect(item.type).toBe('audit');
      expect(Object.keys(item).sort()).toEqual(
        expect.arrayContaining(['action', 'at', 'by', 'memberId', 'pk', 'sk', 'type']),
      );
      expect(JSON.stringify(item)).not.toMatch(/systolic|percent|samples|overrides|Name of|refresh-/);
    }
    expect(left.map(({ item }) => item.action)).toContain('member-erased');
    expect(mentioning(after, 'm-stayer')).toEqual(stayerBefore);
  });

  it('is idempotent: a second run removes nothing, writes no second record and says so', async () => {
    const before = await scanAll();
    const outcome = await erase('m-leaver');
    expect(outcome.alreadyErased).toBe(true);
    expect(outcome.removed).toEqual({
      googleToken: 'not-needed',
      link: false,
      invitations: 0,
      devices: 0,
      readings: 0,
      dayBuckets: 0,
      alerts: 0,
      memberItems: {},
    });
    expect(await scanAll()).toEqual(before);
  });

  it('keep-clinical-record keeps readings and alerts but ends credentials, tokens, link and invitations', async () => {
    await seedMember('m-kept', 'hu-kept');
    const outcome = await erase('m-kept', { kind: 'keep-clinical-record', years: 8 });
    expect(outcome.removed).toEqual({ googleToken: 'revoked', link: true, invitations: 2, devices: 2 });
    expect(Date.parse(outcome.retainedUntil ?? '')).toBeGreaterThan(Date.now() + 7 * 365 * 86_400_000);
    const left = mentioning(await scanAll(), 'm-kept');
    const kinds = left.map(({ item }) => `${String(item.pk).split('#')[0]}:${String(item.sk).split('#')[0]}`);
    expect(kinds).not.toContain('DEVICE:DEVICE');
    expect(kinds).not.toContain('INVITE:INVITE');
    expect(left.some(({ item }) => item.systolic === 182)).toBe(true);
    expect(left.some(({ item }) => 'sealedTokens' in item)).toBe(false);
    expect((await adapters().directory.listMembers()).map((m) => m.memberId)).not.toContain('m-kept');
  });

  describe('work still in flight when a member is erased', () => {
    const severe = (memberId: string) => ({
      metric: 'blood-pressure' as const,
      memberId,
      measuredAt: '2026-11-25T07:30:00.000Z',
      utcOffsetMinutes: 0,
      systolic: 196,
      diastolic: 126,
      meanArterialPressure: 149,
      provenance: { source: 'json', deviceId: 'd-in-flight', recordingMethod: 'device-measured' as const },
    });

    /** The stream records DynamoDB emits for the stored reading: its INSERT and, once erased, its REMOVE. */
    const streamRecordsOf = async (memberId: string) => {
      const reading = severe(memberId);
      expect(await new DynamoDbReadingStore(client, stack.resources.tables.readings).put(reading)).toBe(
        'stored',
      );
      const { Items = [] } = await client.send(
        new ScanCommand({ TableName: stack.resources.tables.readings, ConsistentRead: true }),
      );
      const item = Items.find((stored) => stored.memberId === memberId && stored.systolic === 196);
      if (item === undefined) throw new Error('the reading was not stored');
      // The stream's wire shape is the SDK's; aws-lambda declares the same type separately.
      const image = marshall(item, { removeUndefinedValues: true }) as unknown as Record<
        string,
        AttributeValue
      >;
      const keys = marshall({ pk: item.pk, sk: item.sk }) as unknown as Record<string, AttributeValue>;
      const record = (eventName: 'INSERT' | 'REMOVE', sequence: string): DynamoDBRecord => ({
        eventID: `${memberId}-${sequence}`,
        eventName,
        eventSource: 'aws:dynamodb',
        awsRegion: 'eu-west-2',
        eventSourceARN: stack.resources.readingsStreamArn,
        dynamodb: {
          Keys: keys,
          ...(eventName === 'INSERT' ? { NewImage: image } : { OldImage: image }),
          SequenceNumber: sequence,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      });
      return [record('INSERT', '1'), record('REMOVE', '2')];
    };

    const evaluate = async (records: DynamoDBStreamEvent['Records']) => {
      const { handler } = await import('../../../functions/evaluate-alerts/handler.js');
      return handler({ Records: records }, createLambdaContext('evaluate-alerts'));
    };

    it('a severe reading evaluated after the erasure raises, sends and recreates nothing', async () => {
      await seedMember('m-in-flight', 'hu-in-flight');
      const records = await streamRecordsOf('m-in-flight');
      await erase('m-in-flight');

      // The stream is behind: the reading's INSERT and then its REMOVE reach evaluate-alerts only now.
      expect(await evaluate(records)).toEqual({ batchItemFailures: [] });

      const left = mentioning(await scanAll(), 'm-in-flight');
      expect(left.map(({ item }) => item.pk)).toEqual(left.map(() => 'AUDIT#m-in-flight'));
      expect(await receiveAll(stack.sqs, stack.resources.queues.alerts.url, { timeoutMs: 1_500 })).toEqual(
        [],
      );
    });

    it('a kept clinical record gets no new alert and no more reminders after the member leaves', async () => {
      await seedMember('m-kept-in-flight', 'hu-kept-in-flight');
      const records = await streamRecordsOf('m-kept-in-flight');
      const alerts = new DynamoDbAlertStore(client, stack.resources.tables.alerts);
      // An open urgent alert with its slot, as the follow-up schedule would find it.
      await put(stack.resources.tables.alerts, {
        pk: 'MEMBER#m-kept-in-flight',
        sk: 'OPEN#bp-severe',
        gsi1pk: 'OPEN-ALERTS',
        gsi1sk: 'm-kept-in-flight#bp-severe',
        memberId: 'm-kept-in-flight',
        alertKey: 'm-kept-in-flight#bp-severe#2026-11-20',
      });
      expect((await alerts.listSlots()).map((slot) => slot.memberId)).toContain('m-kept-in-flight');

      await erase('m-kept-in-flight', { kind: 'keep-clinical-record', years: 8 });
      expect(await evaluate(records.slice(0, 1))).toEqual({ batchItemFailures: [] });

      expect((await alerts.listSlots()).map((slot) => slot.memberId)).not.toContain('m-kept-in-flight');
      // The kept record is unchanged: the seeded alert and its notification, nothing new.
      const kept = mentioning(await scanAll(), 'm-kept-in-flight').filter(
        ({ table }) => table === stack.resources.tables.alerts,
      );
      expect(kept.map(({ item }) => item.sk).sort()).toEqual([
        'ALERT#bp-severe#2026-11-20',
        'NOTIFICATION#2026-11-20#bp-severe',
      ]);
      expect(await receiveAll(stack.sqs, stack.resources.queues.alerts.url, { timeoutMs: 1_500 })).toEqual(
        [],
      );
      const { Item } = await client.send(
        new GetCommand({
          TableName: stack.resources.tables.directory,
          Key: { pk: 'MEMBER#m-kept-in-flight', sk: 'PROFILE' },
        }),
      );
      expect(Item?.erasureRequestedAt).toEqual(expect.any(String));
    });

    it('refuses to erase an id that was never a member, and records nothing', async () => {
      const before = await scanAll();
      await expect(erase('m-never-was')).rejects.toThrow('No member with id m-never-was');
      expect(await scanAll()).toEqual(before);
    });
  });
});
