import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { WebhookSecretStore } from '../domain/ports/webhook-secret-store.js';
import { teamWebhookSecretKey } from './table-keys.js';

const REF_PREFIX = 'local:';
const associatedData = (teamId: string) => Buffer.from(`pulse-relay/team-webhook/${teamId}`, 'utf8');

/**
 * Local runs only (no Secrets Manager emulator): the secret is kept in the directory table, sealed with
 * AES-256-GCM under LOCAL_TOKEN_KEY and bound to its team.
 */
export class LocalWebhookSecrets implements WebhookSecretStore {
  private readonly key: Buffer;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    base64Key: string,
  ) {
    this.key = Buffer.from(base64Key, 'base64');
    if (this.key.length !== 32) throw new Error('LOCAL_TOKEN_KEY must be 32 bytes in base64');
  }

  async put(teamId: string, secret: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(associatedData(teamId));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...teamWebhookSecretKey(teamId),
          type: 'team-webhook-secret',
          iv: iv.toString('base64'),
          ciphertext: ciphertext.toString('base64'),
          authTag: cipher.getAuthTag().toString('base64'),
        },
      }),
    );
    return `${REF_PREFIX}${teamId}`;
  }

  async get(secretRef: string): Promise<string> {
    const teamId = secretRef.slice(REF_PREFIX.length);
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: teamWebhookSecretKey(teamId) }),
    );
    if (!secretRef.startsWith(REF_PREFIX) || Item === undefined)
      throw new Error(`No webhook secret for ${secretRef}`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(Item.iv, 'base64'));
    decipher.setAAD(associatedData(teamId));
    decipher.setAuthTag(Buffer.from(Item.authTag, 'base64'));
    return Buffer.concat([
      decipher.update(Buffer.from(Item.ciphertext, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  }
}
