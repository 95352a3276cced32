/**
 * Child process for the lifecycle test: starts DynamoDB Local, prints its port as JSON, then
 * idles until it is signalled. Its Java process must not outlive it.
 */
import { startDynamoDbLocal } from '../../../local/dynamodb-local.js';

const dynamoDb = await startDynamoDbLocal();
process.stdout.write(`${JSON.stringify({ port: dynamoDb.port })}\n`);
setInterval(() => undefined, 60_000);
