import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  type IngestDependencies,
  type IngestResult,
  ingestReadings,
  MemberNotFoundError,
} from '../../shared/domain/blood-pressure/ingest-readings.js';
import { InvalidUploadError } from '../../shared/domain/blood-pressure/item-outcome.js';
import { BadRequestError, ForbiddenError } from '../../shared/runtime/http/http-errors.js';
import { type HttpResult, type HttpRoute, jsonResponse } from '../../shared/runtime/http/http-handler.js';
import { METRIC_NAMES } from '../../shared/runtime/metrics.js';
import { readUploadRequest } from './upload-request.js';

/**
 * 200 when at least one item was stored or recognised as a duplicate (re-uploads are success), with a result
 * per item; 422 when every item was refused, so a client that ignores the body still sees the failure.
 */
export const uploadResponse = (result: IngestResult): HttpResult =>
  result.summary.rejected === result.results.length
    ? jsonResponse(422, {
        error: { code: 'no_readings_accepted', message: 'No reading in the request could be accepted' },
        ...result,
      })
    : jsonResponse(200, result);

/** Counts only, so a refusal is never invisible: the refused-readings alarm in infra reads the first. */
const recordMetrics = (metrics: Metrics, result: IngestResult): void => {
  const clockSuspect = result.results.filter((item) => item.qualityFlags?.includes('clock-suspect')).length;
  metrics.addMetric(METRIC_NAMES.readingsRefused, MetricUnit.Count, result.summary.rejected);
  metrics.addMetric(METRIC_NAMES.readingsStored, MetricUnit.Count, result.summary.stored);
  metrics.addMetric(METRIC_NAMES.readingsClockSuspect, MetricUnit.Count, clockSuspect);
};

/** POST /v1/blood-pressure. */
export const createIngestRoute =
  (dependencies: IngestDependencies, logger: Logger, metrics?: Metrics): HttpRoute =>
  async (event) => {
    try {
      const result = await ingestReadings(readUploadRequest(event), dependencies);
      // Counts only: never the values, which are health data.
      logger.info('upload ingested', { ...result.summary });
      if (metrics !== undefined) recordMetrics(metrics, result);
      return uploadResponse(result);
    } catch (error) {
      if (error instanceof InvalidUploadError) {
        // A whole request refused: every item in it counts as refused, if we could count them.
        metrics?.addMetric(METRIC_NAMES.readingsRefused, MetricUnit.Count, 1);
        throw new BadRequestError(error.message, error.issues);
      }
      if (error instanceof MemberNotFoundError) throw new ForbiddenError();
      throw error;
    }
  };
