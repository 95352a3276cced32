import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SecretsManagerWebhookSecrets } from '../../../../shared/adapters/secrets-manager-webhook-secrets.js';

const client = new SecretsManagerClient({ region: 'eu-west-2' });
const secretsManager = mockClient(client);
const KEY_ARN = 'arn:aws:kms:eu-west-2:123456789012:key/data';
const store = new SecretsManagerWebhookSecrets(client, 'pulse-relay/prod/team-webhooks', KEY_ARN);
const SECRET = 'whsec_dGVzdC1zZWNyZXQtdGVzdC1zZWNyZXQtdGVzdA==';

beforeEach(() => secretsManager.reset());

describe('SecretsManagerWebhookSecrets', () => {
  it('creates one secret per team under the stage prefix, encrypted with the data key', async () => {
    secretsManager.on(CreateSecretCommand).resolves({});
    expect(await store.put('team-north', SECRET)).toBe('pulse-relay/prod/team-webhooks/team-north');
    expect(secretsManager.commandCalls(CreateSecretCommand).map((call) => call.args[0].input)).toEqual([
      {
        Name: 'pulse-relay/prod/team-webhooks/team-north',
        SecretString: SECRET,
        Description: 'pulse-relay: Standard Webhooks signing secret of care team team-north',
        KmsKeyId: KEY_ARN,
      },
    ]);
    expect(secretsManager.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });

  it('puts a new version when the team already has a secret (rotation)', async () => {
    secretsManager
      .on(CreateSecretCommand)
      .rejects(new ResourceExistsException({ message: 'exists', $metadata: {} }));
    secretsManager.on(PutSecretValueCommand).resolves({});
    await store.put('team-north', SECRET);
    expect(secretsManager.commandCalls(PutSecretValueCommand).map((call) => call.args[0].input)).toEqual([
      { SecretId: 'pulse-relay/prod/team-webhooks/team-north', SecretString: SECRET },
    ]);
  });

  it('reads the secret by its reference', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: SECRET });
    expect(await store.get('pulse-relay/prod/team-webhooks/team-north')).toBe(SECRET);
    expect(secretsManager.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({
      SecretId: 'pulse-relay/prod/team-webhooks/team-north',
    });
  });

  it('fails when the secret has no string value, rather than sign with nothing', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({});
    await expect(store.get('pulse-relay/prod/team-webhooks/team-north')).rejects.toThrow('has no value');
  });
});
