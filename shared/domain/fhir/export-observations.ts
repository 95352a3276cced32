import * as z from 'zod';
import type { Clock } from '../clock.js';
import type { Metric } from '../metric.js';
import type { ExportAuditLog } from '../ports/export-audit-log.js';
import type { ReadingStore } from '../ports/reading-store.js';
import type { StaffAccess, StaffPrincipal } from '../ports/staff-access.js';
import type { Reading } from '../reading.js';
import { buildObservationBundle, METRICS_FOR_CODE, type ObservationBundle } from './observation-bundle.js';
import { EXPORTABLE_CODES, LOINC_SYSTEM } from './observation-profile.js';

export class MemberNotVisibleError extends Error {
  constructor() {
    super('You may not see this member');
    this.name = 'MemberNotVisibleError';
  }
}

const dateBound = z
  .string()
  .regex(
    /^(ge|le)\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/,
    'date must be ge<date> or le<date>, e.g. ge2026-07-01 or le2026-07-31T23:59:59Z',
  );

/** The search parameters of `GET /fhir/R4/Observation`, repeated ones as arrays. */
export const observationSearchSchema = z.strictObject({
  subject: z
    .string()
    .trim()
    .min(1, 'subject is required: the member id')
    .transform((value) => value.replace(/^Patient\//, '')),
  date: z.array(dateBound).max(2).default([]),
  code: z
    .array(z.string())
    .default([])
    .transform((codes) =>
      codes.flatMap((code) => code.split(',')).map((code) => code.replace(`${LOINC_SYSTEM}|`, '')),
    )
    .refine((codes) => codes.every((code) => (EXPORTABLE_CODES as readonly string[]).includes(code)), {
      message: `code must be one of ${EXPORTABLE_CODES.join(', ')}`,
    }),
});

export type ObservationSearch = z.output<typeof observationSearchSchema>;

/** A date-only bound covers the whole day: ge from its start, le to its end (UTC). */
const toInstant = (bound: string, edge: 'start' | 'end'): string => {
  const value = bound.slice(2);
  if (value.length === 10) return edge === 'start' ? `${value}T00:00:00.000Z` : `${value}T23:59:59.999Z`;
  return new Date(value).toISOString();
};

/**
 * Exports a member's readings as a FHIR R4 searchset Bundle for the GP record.
 * 1. Validate the search (subject, date ge/le, LOINC codes).
 * 2. Check the staff user may see the member (their team); refuse otherwise, saying nothing more.
 * 3. Read the readings of the requested metrics in the range.
 * 4. Record the export (who, when, what) before returning it.
 */
export const exportObservations = async (
  input: { principal: StaffPrincipal; search: z.input<typeof observationSearchSchema>; selfUrl: string },
  deps: { access: StaffAccess; readings: ReadingStore; audit: ExportAuditLog; clock: Clock; baseUrl: string },
): Promise<ObservationBundle> => {
  const search = observationSearchSchema.parse(input.search);
  if (!(await deps.access.canViewMember(input.principal, search.subject))) throw new MemberNotVisibleError();
  const from = search.date.find((bound) => bound.startsWith('ge'));
  const to = search.date.find((bound) => bound.startsWith('le'));
  const range = {
    ...(from === undefined ? {} : { from: toInstant(from, 'start') }),
    ...(to === undefined ? {} : { to: toInstant(to, 'end') }),
  };
  const codes = search.code.length === 0 ? [...EXPORTABLE_CODES] : search.code;
  const metrics = [...new Set(codes.flatMap((code) => METRICS_FOR_CODE[code] ?? []))] as Metric[];
  const readings: Reading[] = [];
  for (const metric of metrics)
    readings.push(...(await deps.readings.listRange({ memberId: search.subject, metric, ...range })));
  const now = deps.clock.now();
  const bundle = buildObservationBundle(readings, { selfUrl: input.selfUrl, now, baseUrl: deps.baseUrl });
  await deps.audit.record({
    memberId: search.subject,
    staffId: input.principal.staffId,
    at: now.toISOString(),
    what: 'fhir-r4-observations',
    query: { ...range, codes: search.code },
    resourceCount: bundle.total,
  });
  return bundle;
};
