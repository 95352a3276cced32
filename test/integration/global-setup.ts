import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb-local.js';
import { startSqsEmulator } from '../../local/sqs-emulator.js';
import './support/provided-context.js';

/**
 * One DynamoDB Local and one fauxqs for the whole integration run (vitest runs this only when
 * the integration project has files to run). Test files isolate themselves with prefixed tables
 * and queues (support/isolated-stack.ts). Java is checked first: JavaMissingError says what to install.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamoDb = await startDynamoDbLocal();
  try {
    const sqs = await startSqsEmulator();
    project.provide('localEndpoints', { dynamoDb: dynamoDb.endpoint, sqs: sqs.endpoint });
    return async () => {
      await sqs.stop();
      await dynamoDb.stop();
    };
  } catch (error) {
    await dynamoDb.stop();
    throw error;
  }
}
