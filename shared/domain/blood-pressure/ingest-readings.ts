import type { BloodPressureReading, ReadingQualityFlag } from '../blood-pressure-reading.js';
import type { Clock } from '../clock.js';
import type { MemberDirectory } from '../ports/member-directory.js';
import type { ReadingStore } from '../ports/reading-store.js';
import { validateAndNormaliseFhir } from './fhir-observation.js';
import type { ItemOutcome, NormaliseContext, RefusedPressure } from './item-outcome.js';
import { validateAndNormaliseJsonReadings } from './json-upload.js';
import { reuploadKeyOf } from './reupload-key.js';

export type UploadFormat = 'json' | 'fhir';

export interface IngestRequest {
  /** From the authoriser's context only, never from the body (OWASP API1/API3). */
  memberId: string;
  deviceId: string;
  format: UploadFormat;
  /** The parsed JSON body. */
  body: unknown;
}

export interface ItemResult {
  /** Position of the item in the request (readings[] or Bundle entry[]). */
  index: number;
  status: 'stored' | 'duplicate' | 'rejected';
  reason?: string;
  /** The normalised UTC time, for accepted items. */
  measuredAt?: string;
  /** Accepted items stored with a caveat: clock-suspect, pulse-dropped, mean-arterial-pressure-dropped. */
  qualityFlags?: ReadingQualityFlag[];
}

export interface IngestSummary {
  stored: number;
  duplicate: number;
  rejected: number;
}

export interface IngestResult {
  results: ItemResult[];
  summary: IngestSummary;
}

/** A refused item that still carried a blood pressure, for the refused-reading report. */
export interface RefusedWithPressure extends RefusedPressure {
  index: number;
  reason: string;
}

/**
 * Reports refused items whose blood pressure could be read (the reading-refused staff task decides which are
 * severe). Returns how many alerts it raised.
 */
export type RefusedReadingReporter = (refusal: {
  member: { memberId: string; name?: string; timezone: string };
  deviceId: string;
  receivedAt: Date;
  items: RefusedWithPressure[];
}) => Promise<void>;

export interface IngestDependencies {
  directory: Pick<MemberDirectory, 'getMember'>;
  store: ReadingStore;
  clock: Clock;
  reportRefused?: RefusedReadingReporter;
}

/** The device's member is gone (unregistered after the token was issued): the credential is no longer good. */
export class MemberNotFoundError extends Error {
  constructor() {
    super('The member this device belongs to does not exist');
    this.name = 'MemberNotFoundError';
  }
}

/** Puts in flight at once: enough to hide DynamoDB latency, few enough not to burst a table's capacity. */
const PUT_CONCURRENCY = 8;

/**
 * The same natural key the reading store uses (measured-at plus source record id, else device), so two copies
 * in one request collapse exactly as a later re-upload would.
 */
const naturalKeyOf = (reading: BloodPressureReading): string => {
  const source =
    reading.provenance.sourceRecordId ?? reading.provenance.deviceId ?? reading.provenance.source;
  const reupload = reuploadKeyOf(reading);
  return reupload === undefined ? `${reading.measuredAt}#${source}` : `clock#${source}#${reupload}`;
};

/**
 * Ingests one upload of blood-pressure readings for the device's member.
 * 1. Look up the member (their IANA zone reads zone-less device clocks); unknown member -> MemberNotFoundError.
 * 2. Validate and normalise every item against one request time (InvalidUploadError if the envelope is wrong,
 *    in which case nothing is stored). A refused item refuses only itself, whole.
 * 3. Collapse items that share a natural key within the request: the first is put, the rest are duplicates.
 * 4. Put each remaining reading if absent; the store says stored or duplicate (a re-upload days later).
 *    A store failure throws: the client retries the whole request, and step 4 makes that safe.
 * 5. Refused items that still carried a blood pressure go to reportRefused, which raises a reading-refused
 *    staff task for a severe one: a refusal must never hide a severe value.
 * 6. Return one result per item, in request order, and the counts.
 */
export const ingestReadings = async (
  request: IngestRequest,
  { directory, store, clock, reportRefused }: IngestDependencies,
): Promise<IngestResult> => {
  const member = await directory.getMember(request.memberId);
  // A member whose erasure has started is gone for uploads too (an upload already past the authoriser).
  if (member === undefined || member.erasureRequestedAt !== undefined) throw new MemberNotFoundError();

  const receivedAt = clock.now();
  const context: NormaliseContext = {
    memberId: member.memberId,
    timezone: member.timezone,
    deviceId: request.deviceId,
    nowMs: receivedAt.getTime(),
  };
  const outcomes: ItemOutcome[] =
    request.format === 'fhir'
      ? validateAndNormaliseFhir(request.body, context)
      : validateAndNormaliseJsonReadings(request.body, context);

  const results: ItemResult[] = new Array(outcomes.length);
  const toPut: Array<{ index: number; reading: BloodPressureReading }> = [];
  const seen = new Set<string>();
  const refusedWithPressure: RefusedWithPressure[] = [];
  outcomes.forEach((outcome, index) => {
    if (!outcome.ok) {
      results[index] = { index, status: 'rejected', reason: outcome.reason };
      if (outcome.pressure !== undefined) {
        refusedWithPressure.push({ index, reason: outcome.reason, ...outcome.pressure });
      }
      return;
    }
    const key = naturalKeyOf(outcome.reading);
    if (seen.has(key)) {
      results[index] = { index, status: 'duplicate', measuredAt: outcome.reading.measuredAt };
      return;
    }
    seen.add(key);
    toPut.push({ index, reading: outcome.reading });
  });

  let next = 0;
  const worker = async (): Promise<void> => {
    for (let item = toPut[next++]; item !== undefined; item = toPut[next++]) {
      const outcome = await store.put(item.reading);
      results[item.index] = {
        index: item.index,
        status: outcome === 'duplicate' ? 'duplicate' : 'stored',
        measuredAt: item.reading.measuredAt,
        ...(item.reading.qualityFlags === undefined ? {} : { qualityFlags: item.reading.qualityFlags }),
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(PUT_CONCURRENCY, toPut.length) }, worker));

  if (reportRefused !== undefined && refusedWithPressure.length > 0) {
    await reportRefused({
      member: { memberId: member.memberId, name: member.name, timezone: member.timezone },
      deviceId: request.deviceId,
      receivedAt,
      items: refusedWithPressure,
    });
  }

  const summary: IngestSummary = { stored: 0, duplicate: 0, rejected: 0 };
  for (const result of results) summary[result.status] += 1;
  return { results, summary };
};
