import type { Logger } from '@aws-lambda-powertools/logger';
import {
  type IngestDependencies,
  type IngestResult,
  ingestReadings,
  MemberNotFoundError,
} from '../../shared/domain/blood-pressure/ingest-readings.js';
import { InvalidUploadError } from '../../shared/domain/blood-pressure/item-outcome.js';
import { BadRequestError, ForbiddenError, HttpError } from '../../shared/runtime/http/http-errors.js';
import { type HttpResult, type HttpRoute, jsonResponse } from '../../shared/runtime/http/http-handler.js';
import { METRIC, type UPLOAD_FORMAT_DIMENSIONS } from '../../shared/runtime/metric-catalogue.js';
import { recordCounts } from '../../shared/runtime/metrics.js';
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

/** The device sent something unusable (not an auth failure, not our fault). */
const isRefusedUpload = (error: unknown): boolean =>
  error instanceof InvalidUploadError ||
  (error instanceof HttpError && [400, 413, 415].includes(error.statusCode));

/** POST /v1/blood-pressure. */
export const createIngestRoute =
  (dependencies: IngestDependencies, logger: Logger): HttpRoute =>
  async (event) => {
    let format: (typeof UPLOAD_FORMAT_DIMENSIONS)[number] = 'unknown';
    try {
      const request = readUploadRequest(event);
      format = request.format;
      const result = await ingestReadings(request, dependencies);
      // Counts only: never the values, which are health data.
      logger.info('upload ingested', { ...result.summary });
      recordCounts(
        { format },
        {
          [METRIC.readingsStored]: result.summary.stored,
          [METRIC.readingsDuplicate]: result.summary.duplicate,
          [METRIC.readingsRefused]: result.summary.rejected,
          [METRIC.readingsClockSuspect]: result.results.filter((item) =>
            item.qualityFlags?.includes('clock-suspect'),
          ).length,
        },
      );
      return uploadResponse(result);
    } catch (error) {
      if (isRefusedUpload(error)) recordCounts({ format }, { [METRIC.uploadsRefused]: 1 });
      if (error instanceof InvalidUploadError) throw new BadRequestError(error.message, error.issues);
      if (error instanceof MemberNotFoundError) throw new ForbiddenError();
      throw error;
    }
  };
