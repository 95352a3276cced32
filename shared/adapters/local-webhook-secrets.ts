import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { WebhookSecretStore } from '../domain/ports/webhook-secret-store.js';
import { teamWebhookSecretKey } from './table-keys.js';
import { openWebhookSecret, sealWebhookSecret } from './team-webhook-secret-cipher.js';

const REF_PREFIX = 'local:';

/**
 * Local runs only (no KMS): the secret is kept on the team's item in the directory table like in AWS
 * (kms-webhook-secrets.ts), but sealed with AES-256-GCM under the fixed LOCAL_TOKEN_KEY and bound to its team.
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
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...teamWebhookSecretKey(teamId),
          type: 'team-webhook-secret',
          scheme: 'local',
          ...sealWebhookSecret(this.key, teamId, secret),
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
    return openWebhookSecret(this.key, teamId, {
      iv: String(Item.iv),
      ciphertext: String(Item.ciphertext),
      authTag: String(Item.authTag),
    });
  }
}
