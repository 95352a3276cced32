import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebhookSecretStore } from '../../../../shared/adapters/delivery-composition.js';
import { KmsWebhookSecrets } from '../../../../shared/adapters/kms-webhook-secrets.js';
import { LocalWebhookSecrets } from '../../../../shared/adapters/local-webhook-secrets.js';

const documentClient = mockClient(DynamoDBDocumentClient);
const kmsMock = mockClient(KMSClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' }));
const kms = new KMSClient({ region: 'eu-west-2' });
const KEY_ARN = 'arn:aws:kms:eu-west-2:123456789012:key/tokens';
const store = new KmsWebhookSecrets(client, 'directory', kms, KEY_ARN);
const SECRET = 'whsec_dGVzdC1zZWNyZXQtdGVzdC1zZWNyZXQtdGVzdA==';
const ENCRYPTED_KEY = Buffer.from('encrypted data key of team-north');

/** The data key KMS hands out; a fresh copy each time, as the adapter wipes what it is given. */
const dataKey = randomBytes(32);
const kmsGivesKey = () => {
  kmsMock
    .on(GenerateDataKeyCommand)
    .callsFake(async () => ({ Plaintext: Uint8Array.from(dataKey), CiphertextBlob: ENCRYPTED_KEY }));
  kmsMock.on(DecryptCommand).callsFake(async () => ({ Plaintext: Uint8Array.from(dataKey) }));
};

/** What put() wrote, so get() can read it back. */
const stored = (): Record<string, unknown> =>
  documentClient.commandCalls(PutCommand)[0]?.args[0].input.Item ?? {};

beforeEach(() => {
  documentClient.reset();
  kmsMock.reset();
  kmsGivesKey();
  documentClient.on(PutCommand).resolves({});
});

describe('KmsWebhookSecrets', () => {
  it('seals the secret with a fresh data key bound to the team and keeps it on the team item', async () => {
    expect(await store.put('team-north', SECRET)).toBe('kms:team-north');
    expect(kmsMock.commandCalls(GenerateDataKeyCommand).map((call) => call.args[0].input)).toEqual([
      { KeyId: KEY_ARN, KeySpec: 'AES_256', EncryptionContext: { teamId: 'team-north' } },
    ]);
    const put = documentClient.commandCalls(PutCommand)[0]?.args[0].input;
    expect(put).toEqual({
      TableName: 'directory',
      Item: {
        pk: 'TEAM#team-north',
        sk: 'WEBHOOKSECRET',
        type: 'team-webhook-secret',
        scheme: 'kms',
        iv: expect.any(String),
        ciphertext: expect.any(String),
        authTag: expect.any(String),
        encryptedDataKey: ENCRYPTED_KEY.toString('base64'),
      },
    });
    // Neither the secret nor its base64 body is on the item.
    expect(JSON.stringify(put)).not.toContain(SECRET.slice('whsec_'.length, 30));
  });

  it('opens it with a consistent read and a Decrypt bound to the same team', async () => {
    await store.put('team-north', SECRET);
    documentClient.on(GetCommand).resolves({ Item: stored() });
    expect(await store.get('kms:team-north')).toBe(SECRET);
    expect(documentClient.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Key: { pk: 'TEAM#team-north', sk: 'WEBHOOKSECRET' },
      ConsistentRead: true,
    });
    expect(kmsMock.commandCalls(DecryptCommand).map((call) => call.args[0].input)).toEqual([
      { KeyId: KEY_ARN, CiphertextBlob: ENCRYPTED_KEY, EncryptionContext: { teamId: 'team-north' } },
    ]);
  });

  it('refuses another team’s sealed secret copied onto this team (authenticated by team)', async () => {
    await store.put('team-north', SECRET);
    documentClient.on(GetCommand).resolves({ Item: { ...stored(), pk: 'TEAM#team-south' } });
    await expect(store.get('kms:team-south')).rejects.toThrow();
  });

  it('a second put replaces the secret under a new IV (rotation)', async () => {
    await store.put('team-north', SECRET);
    const rotated = 'whsec_cm90YXRlZC1zZWNyZXQtcm90YXRlZC1zZWNyZXQ=';
    await store.put('team-north', rotated);
    const [first, second] = documentClient.commandCalls(PutCommand).map((call) => call.args[0].input.Item);
    expect(second?.iv).not.toBe(first?.iv);
    documentClient.on(GetCommand).resolves({ Item: second });
    expect(await store.get('kms:team-north')).toBe(rotated);
  });

  it('says what to do with a Secrets Manager reference from before the move, and calls nothing', async () => {
    await expect(store.get('pulse-relay/prod/team-webhooks/team-north')).rejects.toThrow(
      'run "team channels set" for this team again',
    );
    expect(documentClient.commandCalls(GetCommand)).toHaveLength(0);
    expect(kmsMock.commandCalls(DecryptCommand)).toHaveLength(0);
  });

  it('fails when the team has no sealed secret, rather than sign with nothing', async () => {
    documentClient.on(GetCommand).resolves({});
    await expect(store.get('kms:team-north')).rejects.toThrow('No sealed webhook secret for team team-north');
    expect(kmsMock.commandCalls(DecryptCommand)).toHaveLength(0);
  });
});

describe('createWebhookSecretStore', () => {
  beforeEach(() => vi.stubEnv('DIRECTORY_TABLE', 'directory'));
  afterEach(() => vi.unstubAllEnvs());

  it('uses KMS when TEAM_WEBHOOK_SECRET_KMS_KEY_ID is set, else the local key, else refuses', () => {
    const env = { DIRECTORY_TABLE: 'directory' };
    expect(
      createWebhookSecretStore(client, { ...env, TEAM_WEBHOOK_SECRET_KMS_KEY_ID: KEY_ARN }),
    ).toBeInstanceOf(KmsWebhookSecrets);
    expect(
      createWebhookSecretStore(client, { ...env, LOCAL_TOKEN_KEY: randomBytes(32).toString('base64') }),
    ).toBeInstanceOf(LocalWebhookSecrets);
    expect(() => createWebhookSecretStore(client, env)).toThrow('TEAM_WEBHOOK_SECRET_KMS_KEY_ID');
  });
});
