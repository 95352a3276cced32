import { hkdfSync } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { consoleSessionKey } from '../../../shared/adapters/console-session-key.js';

const secretsManager = mockClient(SecretsManagerClient);

describe('consoleSessionKey', () => {
  it('uses CONSOLE_SESSION_KEY locally without asking Secrets Manager', async () => {
    const key = Buffer.alloc(32, 5);
    expect(Buffer.from(await consoleSessionKey({ CONSOLE_SESSION_KEY: key.toString('base64') }))).toEqual(
      key,
    );
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('says which variable to set when neither is', async () => {
    await expect(consoleSessionKey({})).rejects.toThrow(/CONSOLE_SESSION_KEY_SECRET_ARN/);
  });

  it('derives the key from the secret named by CONSOLE_SESSION_KEY_SECRET_ARN, fetched once', async () => {
    const secret = 'x'.repeat(40);
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: secret });
    const env = { CONSOLE_SESSION_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-2:1:secret:key' };
    const first = await consoleSessionKey(env);
    const second = await consoleSessionKey(env);
    expect(Buffer.from(first)).toEqual(
      Buffer.from(hkdfSync('sha256', secret, '', 'pulse-relay console session', 32)),
    );
    expect(second).toBe(first);
    expect(secretsManager.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([
      { SecretId: 'arn:aws:secretsmanager:eu-west-2:1:secret:key' },
    ]);
  });
});
