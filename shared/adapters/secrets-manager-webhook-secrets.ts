import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { WebhookSecretStore } from '../domain/ports/webhook-secret-store.js';

/** One Secrets Manager secret per team, `<prefix>/<teamId>`, encrypted with the data key. */
export class SecretsManagerWebhookSecrets implements WebhookSecretStore {
  constructor(
    private readonly client: SecretsManagerClient,
    private readonly prefix: string,
    private readonly kmsKeyId?: string,
  ) {}

  async put(teamId: string, secret: string): Promise<string> {
    const name = `${this.prefix}/${teamId}`;
    try {
      await this.client.send(
        new CreateSecretCommand({
          Name: name,
          SecretString: secret,
          Description: `pulse-relay: Standard Webhooks signing secret of care team ${teamId}`,
          ...(this.kmsKeyId === undefined ? {} : { KmsKeyId: this.kmsKeyId }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceExistsException)) throw error;
      await this.client.send(new PutSecretValueCommand({ SecretId: name, SecretString: secret }));
    }
    return name;
  }

  async get(secretRef: string): Promise<string> {
    const { SecretString } = await this.client.send(new GetSecretValueCommand({ SecretId: secretRef }));
    if (SecretString === undefined) throw new Error(`Webhook secret ${secretRef} has no value`);
    return SecretString;
  }
}
