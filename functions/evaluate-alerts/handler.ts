import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { createLogger } from '../../shared/runtime/logger.js';
import { createEvaluateAlertsPorts } from './composition.js';
import { createRecordEvaluator } from './evaluate-record.js';

const logger = createLogger('evaluate-alerts');
const evaluateRecord = createRecordEvaluator(createEvaluateAlertsPorts(), logger);
const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** Readings stream -> alerts. In order (one member's readings share a shard); failed records are reported. */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger))
  .handler((event, context) =>
    processPartialResponse(event, evaluateRecord, processor, { context, processInParallel: false }),
  );
