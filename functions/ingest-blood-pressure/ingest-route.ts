import type { Logger } from '@aws-lambda-powertools/logger';
import {
  type IngestDependencies,
  type IngestResult,
  ingestReadings,
  MemberNotFoundError,
} from '../../shared/domain/blood-pressure/ingest-readings.js';
import { InvalidUploadError } from '../../shared/domain/blood-pressure/item-outcome.js';
import { BadRequestError, ForbiddenError } from '../../shared/runtime/http/http-errors.js';
import { type HttpResult, type HttpRoute, jsonResponse } from '../../shared/runtime/http/http-handler.js';
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

/** POST /v1/blood-pressure. */
export const createIngestRoute =
  (dependencies: IngestDependencies, logger: Logger): HttpRoute =>
  async (event) => {
    try {
      const result = await ingestReadings(readUploadRequest(event), dependencies);
      // Counts only: never the values, which are health data.
      logger.info('upload ingested', { ...result.summary });
      return uploadResponse(result);
    } catch (error) {
      if (error instanceof InvalidUploadError) throw new BadRequestError(error.message, error.issues);
      if (error instanceof MemberNotFoundError) throw new ForbiddenError();
      throw error;
    }
  };
