import {
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';

/**
 * Answers each QueryCommand with the next of `pages` and returns each call's input as it was when sent.
 * The SDK's paginator reuses one input object across pages, so inputs read back after the calls
 * (commandCalls) would all show the last page's ExclusiveStartKey.
 */
export const answerQueryPages = (
  client: AwsClientStub<DynamoDBDocumentClient>,
  pages: readonly Partial<QueryCommandOutput>[],
): QueryCommandInput[] => {
  const sent: QueryCommandInput[] = [];
  client.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    sent.push(structuredClone(input));
    const page = pages[sent.length - 1];
    if (page === undefined)
      throw new Error(`Query ${sent.length} asked for a page beyond the ${pages.length} given`);
    return page;
  });
  return sent;
};
