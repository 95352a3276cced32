import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { $ZodError } from 'zod/v4/core';
import { describeZodIssues } from '../../domain/zod-issues.js';
import { METRIC } from '../metric-catalogue.js';
import { recordCounts } from '../metrics.js';
import { HttpError } from './http-errors.js';

export type HttpResult = APIGatewayProxyStructuredResultV2;
export type HttpRoute = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>;

export const jsonResponse = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

/** Maps thrown errors to responses: HttpError and zod errors (classic or mini) become 4xx with their message, the rest a bare 500. */
export const errorToResponse = (error: unknown, logger: Logger): HttpResult => {
  if (error instanceof HttpError) {
    logger.info('request refused', { statusCode: error.statusCode, code: error.code });
    return jsonResponse(error.statusCode, {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details === undefined ? {} : { details: error.details }),
      },
    });
  }
  if (error instanceof $ZodError) {
    logger.info('request refused', { statusCode: 400, code: 'validation_failed' });
    return jsonResponse(400, {
      error: {
        code: 'validation_failed',
        message: 'The request is not valid',
        details: describeZodIssues(error),
      },
    });
  }
  logger.error('request failed', error instanceof Error ? { errorName: error.name } : {});
  return jsonResponse(500, {
    error: { code: 'internal', message: 'Something went wrong on our side; try again later' },
  });
};

/**
 * Any 5xx answer counts as a handled failure. The invocation itself succeeds, so Lambda's Errors metric
 * never sees it; the function's error alarm adds this metric (infra/constructs/service-function.ts).
 */
const countedAsFailure = (result: HttpResult): HttpResult => {
  if ((result.statusCode ?? 200) >= 500) recordCounts({}, { [METRIC.handledFailures]: 1 });
  return result;
};

/** The one HTTP middleware chain: Powertools context logging, then the route, with errors mapped. */
export const httpHandler = (route: HttpRoute, logger: Logger) =>
  middy<APIGatewayProxyEventV2, HttpResult>()
    .use(injectLambdaContext(logger))
    .handler(async (event, context) => {
      try {
        return countedAsFailure(await route(event, context));
      } catch (error) {
        return countedAsFailure(errorToResponse(error, logger));
      }
    });
