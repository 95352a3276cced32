import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { type FunctionName, type HandlerLoader, startLocalStack } from '../../../local/local-stack.js';
import { dynamoDbClientFor } from '../../../local/resources.js';
import { dynamoDbLocalPids } from '../support/java-processes.js';

describe('local stack', () => {
  it('sets the environment before loading handlers, serves the catalogue routes and skips what is missing', async () => {
    const seenAtLoad: Record<string, string | undefined> = {};
    const warnings: string[] = [];
    const notReady: HandlerLoader = async () => {
      throw new Error('Cannot find module handler.js');
    };
    const functions: Record<FunctionName, HandlerLoader> = {
      'authorize-device': async () => ({
        handler: async (event: APIGatewayRequestAuthorizerEventV2) => ({
          isAuthorized: event.identitySource[0] === 'Device good',
          context: { memberId: 'm-1', deviceId: 'd-1' },
        }),
      }),
      'ingest-blood-pressure': async () => {
        seenAtLoad.READINGS_TABLE = process.env.READINGS_TABLE;
        seenAtLoad.AWS_ENDPOINT_URL_DYNAMODB = process.env.AWS_ENDPOINT_URL_DYNAMODB;
        return {
          handler: async (event: APIGatewayProxyEventV2) => ({
            statusCode: 201,
            body: JSON.stringify({ table: process.env.READINGS_TABLE, route: event.routeKey }),
          }),
        };
      },
      'link-pages': async () => ({
        handler: async (event: APIGatewayProxyEventV2) => ({
          statusCode: 200,
          body: event.pathParameters?.invitationId ?? '',
        }),
      }),
      'evaluate-alerts': notReady,
      'google-health-webhook': notReady,
      'sync-worker': async () => ({ notAHandler: true }),
      'catch-up': notReady,
      'weekly-summary': notReady,
      'alert-follow-up': notReady,
      'deliver-alerts': notReady,
      console: notReady,
      'console-sign-in': notReady,
      'console-actions': notReady,
      'console-invitations': notReady,
      'fhir-export': notReady,
    };

    const stack = await startLocalStack({
      prefix: 'stacktest',
      functions,
      catchUpIntervalMs: false,
      alertFollowUpIntervalMs: false,
      log: (message) => warnings.push(message),
    });
    try {
      expect(seenAtLoad).toEqual({
        READINGS_TABLE: 'stacktest-readings',
        AWS_ENDPOINT_URL_DYNAMODB: stack.endpoints.dynamoDb,
      });
      expect([...stack.loaded].sort()).toEqual(['authorize-device', 'ingest-blood-pressure', 'link-pages']);
      expect(stack.skipped.map((skip) => skip.name).sort()).toEqual([
        'alert-follow-up',
        'catch-up',
        'console',
        'console-actions',
        'console-invitations',
        'console-sign-in',
        'deliver-alerts',
        'evaluate-alerts',
        'fhir-export',
        'google-health-webhook',
        'sync-worker',
        'weekly-summary',
      ]);
      expect(warnings.some((warning) => warning.includes('skipping sync-worker'))).toBe(true);

      const unauthorised = await fetch(`${stack.apiUrl}/v1/blood-pressure`, { method: 'POST', body: '{}' });
      const ingested = await fetch(`${stack.apiUrl}/v1/blood-pressure`, {
        method: 'POST',
        headers: { authorization: 'Device good', 'content-type': 'application/json' },
        body: '{}',
      });
      const link = await fetch(`${stack.apiUrl}/v1/link/inv-42`);
      const webhook = await fetch(`${stack.apiUrl}/v1/webhooks/google-health`, {
        method: 'POST',
        body: '{}',
      });

      expect(unauthorised.status).toBe(401);
      expect([ingested.status, await ingested.json()]).toEqual([
        201,
        { table: 'stacktest-readings', route: 'POST /v1/blood-pressure' },
      ]);
      expect([link.status, await link.text()]).toEqual([200, 'inv-42']);
      expect(webhook.status).toBe(404);
      const dynamoDb = dynamoDbClientFor(stack.endpoints);
      const probe = await dynamoDb.send(
        new GetItemCommand({
          TableName: stack.resources.tables.directory,
          Key: { pk: { S: 'x' }, sk: { S: 'y' } },
        }),
      );
      dynamoDb.destroy();
      expect(probe.Item).toBeUndefined();
    } finally {
      await stack.stop();
    }
    await stack.stop();

    const port = Number(new URL(stack.endpoints.dynamoDb).port);
    expect(await dynamoDbLocalPids(port)).toEqual([]);
  });
});
