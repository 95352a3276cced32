import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createLogger } from '../../shared/runtime/logger.js';
import { createDeliveryPorts } from './composition.js';
import { createDeliverRecordHandler } from './deliver-record.js';

const logger = createLogger('deliver-alerts');
const deliverRecord = createDeliverRecordHandler(createDeliveryPorts(), logger);
// FIFO: a failed message holds back the rest of its member's group only; other members carry on.
const processor = new SqsFifoPartialProcessorAsync();

/** Care-team queue -> team email and webhook. Failed messages are reported, retried, then dead-lettered. */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger))
  .handler((event, context) =>
    processPartialResponse(event, deliverRecord, processor, { context, skipGroupOnError: true }),
  );
