import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createWebhookAuthorizationSource } from '../../../shared/adapters/google-health/webhook-authorization-source.js';
import {
  EmptySecretError,
  SECRET_CACHE_MS,
  SecretsManagerSecretSource,
} from '../../../shared/adapters/secret-source-secrets-manager.js';

const ARN = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:pulse-relay-webhook-AbCdEf';
const secretsManager = mockClient(SecretsManagerClient);

describe('SecretsManagerSecretSource', () => {
  let now: number;
  const source = () => new SecretsManagerSecretSource(ARN, { now: () => now });
  const calls = () => secretsManager.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input);

  beforeEach(() => {
    secretsManager.reset();
    now = 1_000_000;
  });

  it('reads the current version of exactly that secret, trimmed', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'Bearer abc\n' });
    expect(await source().current()).toBe('Bearer abc');
    expect(calls()).toEqual([{ SecretId: ARN }]);
  });

  it('serves concurrent and repeated calls from one read until the cache age, then reads the rotated value', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: 'Bearer old' })
      .resolves({ SecretString: 'Bearer new' });
    const secret = source();
    expect(await Promise.all([secret.current(), secret.current()])).toEqual(['Bearer old', 'Bearer old']);
    now += SECRET_CACHE_MS - 1;
    expect(await secret.current()).toBe('Bearer old');
    expect(calls()).toHaveLength(1);
    now += 1;
    expect(await secret.current()).toBe('Bearer new');
    expect(calls()).toEqual([{ SecretId: ARN }, { SecretId: ARN }]);
  });

  it('passes a failed read on without caching it, and an empty secret is an error', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .rejectsOnce(new Error('AccessDeniedException'))
      .resolvesOnce({ SecretString: '  ' })
      .resolvesOnce({})
      .resolves({ SecretString: 'Bearer ok' });
    const secret = source();
    await expect(secret.current()).rejects.toThrow('AccessDeniedException');
    await expect(secret.current()).rejects.toBeInstanceOf(EmptySecretError);
    await expect(secret.current()).rejects.toBeInstanceOf(EmptySecretError);
    expect(await secret.current()).toBe('Bearer ok');
    expect(calls()).toHaveLength(4);
  });
});

describe('createWebhookAuthorizationSource', () => {
  beforeEach(() => secretsManager.reset());

  it('reads Secrets Manager when given the ARN (AWS), even if a plain value is also set', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'Bearer from-aws' });
    const source = createWebhookAuthorizationSource({
      GOOGLE_HEALTH_WEBHOOK_AUTHORIZATION_ARN: ARN,
      GOOGLE_HEALTH_WEBHOOK_AUTHORIZATION: 'Bearer plain',
    });
    expect(await source.current()).toBe('Bearer from-aws');
    expect(secretsManager.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: ARN });
  });

  it('uses the plain value in the local stack, without calling Secrets Manager', async () => {
    const source = createWebhookAuthorizationSource({ GOOGLE_HEALTH_WEBHOOK_AUTHORIZATION: 'Bearer local' });
    expect(await source.current()).toBe('Bearer local');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('fails fast naming both variables when neither is set', () => {
    expect(() => createWebhookAuthorizationSource({})).toThrow(
      'Set GOOGLE_HEALTH_WEBHOOK_AUTHORIZATION_ARN (AWS) or GOOGLE_HEALTH_WEBHOOK_AUTHORIZATION (local)',
    );
  });
});
