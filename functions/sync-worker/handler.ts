import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createLogger } from '../../shared/runtime/logger.js';
import { createSyncWorkerPorts } from './composition.js';
import { createSyncRecordHandler } from './sync-record.js';

const logger = createLogger('sync-worker');
const syncRecord = createSyncRecordHandler(createSyncWorkerPorts(), logger);
const processor = new BatchProcessor(EventType.SQS);

/** sync-jobs queue -> Google Health -> readings. Failed jobs are reported so only they are retried. */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger))
  .handler((event, context) => processPartialResponse(event, syncRecord, processor, { context }));
