import { createServer } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { cliErrorMessage } from '../../../cli/run-cli.js';

/** A port nothing listens on: bound, then released. */
const closedPort = async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
};

/** The error the SDK really throws when the local stack's DynamoDB is gone. */
const refusedConnectionError = async () => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: `http://127.0.0.1:${await closedPort()}`,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    }),
  );
  try {
    await client.send(new GetCommand({ TableName: 't', Key: { pk: 'x', sk: 'y' } }));
  } catch (error) {
    return error;
  }
  throw new Error('the request unexpectedly succeeded');
};

describe('CLI error messages', () => {
  it('says the local stack is not running when its DynamoDB refuses the connection', async () => {
    const error = await refusedConnectionError();
    expect(cliErrorMessage(error, 'local')).toMatch(
      /^The local stack is not running \(.*ECONNREFUSED.*\): start it with `npm start`/,
    );
    // Against a deployed stack the cause is different: the message is passed on as it is.
    expect(cliErrorMessage(error, 'deployed')).toBe((error as Error).message);
  });

  it('passes other errors on unchanged', () => {
    expect(cliErrorMessage(new Error('No device with id d-1'), 'local')).toBe('No device with id d-1');
  });
});
