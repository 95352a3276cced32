import type { KMSClient } from '@aws-sdk/client-kms';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { WebhookSecretStore } from '../domain/ports/webhook-secret-store.js';
import { teamWebhookSecretKey } from './table-keys.js';
import { openWebhookSecret, sealWebhookSecret } from './team-webhook-secret-cipher.js';

const REF_PREFIX = 'kms:';

/** The SDK package, loaded when a secret is first sealed or opened rather than at cold start. */
const kmsSdk = () => import('@aws-sdk/client-kms');

/**
 * KMS envelope encryption of each care team's Standard Webhooks secret, kept on the team's own item in the
 * directory table (TEAM#<teamId>/WEBHOOKSECRET) instead of one Secrets Manager secret per team ($0.40 a
 * month each). Each seal gets a fresh data key from GenerateDataKey with the EncryptionContext {teamId}:
 * CloudTrail names the team whose secret was opened, IAM can allow only team-bound decrypts
 * (kms:EncryptionContext:teamId, infra/constructs/function-bindings.ts), and an item copied onto another
 * team fails both KMS (context) and AES-GCM (associated data). Replacing the secret (`team channels set`)
 * rotates it: the new item has a new data key and the old secret is gone.
 */
export class KmsWebhookSecrets implements WebhookSecretStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** A client, or how to get one when first needed. */
    private readonly kms: KMSClient | (() => Promise<KMSClient>),
    private readonly keyId: string,
  ) {}

  async put(teamId: string, secret: string): Promise<string> {
    const { GenerateDataKeyCommand } = await kmsSdk();
    const { Plaintext, CiphertextBlob } = await (await this.kmsClient()).send(
      new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256', EncryptionContext: { teamId } }),
    );
    if (Plaintext === undefined || CiphertextBlob === undefined) {
      throw new Error('KMS GenerateDataKey returned no key');
    }
    let sealed: ReturnType<typeof sealWebhookSecret>;
    try {
      sealed = sealWebhookSecret(Plaintext, teamId, secret);
    } finally {
      Plaintext.fill(0);
    }
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...teamWebhookSecretKey(teamId),
          type: 'team-webhook-secret',
          scheme: 'kms',
          ...sealed,
          encryptedDataKey: Buffer.from(CiphertextBlob).toString('base64'),
        },
      }),
    );
    return `${REF_PREFIX}${teamId}`;
  }

  async get(secretRef: string): Promise<string> {
    if (!secretRef.startsWith(REF_PREFIX)) {
      // A reference from before the secrets moved out of Secrets Manager (docs/delivery.md, "Upgrading a stack …").
      throw new Error(
        `Webhook secret reference ${secretRef} is not a sealed team secret: run "team channels set" for this team again`,
      );
    }
    const teamId = secretRef.slice(REF_PREFIX.length);
    const { Item } = await this.client.send(
      // Consistent: a secret replaced a moment ago must not be signed with its predecessor.
      new GetCommand({ TableName: this.tableName, Key: teamWebhookSecretKey(teamId), ConsistentRead: true }),
    );
    if (Item?.scheme !== 'kms' || typeof Item.encryptedDataKey !== 'string') {
      throw new Error(`No sealed webhook secret for team ${teamId}`);
    }
    const { DecryptCommand } = await kmsSdk();
    const { Plaintext } = await (await this.kmsClient()).send(
      new DecryptCommand({
        KeyId: this.keyId,
        CiphertextBlob: Buffer.from(Item.encryptedDataKey, 'base64'),
        EncryptionContext: { teamId },
      }),
    );
    if (Plaintext === undefined) throw new Error(`KMS returned no data key for team ${teamId}`);
    try {
      return openWebhookSecret(Plaintext, teamId, {
        iv: String(Item.iv),
        ciphertext: String(Item.ciphertext),
        authTag: String(Item.authTag),
      });
    } finally {
      Plaintext.fill(0);
    }
  }

  private async kmsClient(): Promise<KMSClient> {
    return typeof this.kms === 'function' ? this.kms() : this.kms;
  }
}
