import type { Clock } from '../clock.js';
import type { Metric } from '../metric.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { CareTeamRoster } from '../ports/care-team-roster.js';
import type { ReadingStore } from '../ports/reading-store.js';
import type { Reading } from '../reading.js';
import { authoriseMemberAccess } from '../staff/member-access.js';
import type { StaffMember } from '../staff/staff-member.js';
import * as z from '../zod-mini.js';
import { buildObservationBundle, METRICS_FOR_CODE, type ObservationBundle } from './observation-bundle.js';
import { EXPORTABLE_CODES, LOINC_SYSTEM } from './observation-profile.js';

const dateBound = z
  .string()
  .check(
    z.regex(
      /^(ge|le)\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/,
      'date must be ge<date> or le<date>, e.g. ge2026-07-01 or le2026-07-31T23:59:59Z',
    ),
  );

/** The search parameters of `GET /fhir/R4/Observation`, repeated ones as arrays. */
export const observationSearchSchema = z.strictObject({
  subject: z.pipe(
    z.pipe(
      z.string().check(z.trim(), z.minLength(1, 'subject is required: the member id')),
      z.transform((value: string) => value.replace(/^Patient\//, '')),
    ),
    z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'subject must be a member id, e.g. m-abc123')),
  ),
  date: z._default(z.array(dateBound).check(z.maxLength(2)), []),
  code: z
    .pipe(
      z._default(z.array(z.string()), []),
      z.transform((codes: string[]) =>
        codes.flatMap((code) => code.split(',')).map((code) => code.replace(`${LOINC_SYSTEM}|`, '')),
      ),
    )
    .check(
      z.refine((codes) => codes.every((code) => (EXPORTABLE_CODES as readonly string[]).includes(code)), {
        message: `code must be one of ${EXPORTABLE_CODES.join(', ')}`,
      }),
    ),
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
 * 2. Check the staff user may see the member (their team): MemberAccessDeniedError otherwise, which says
 *    nothing about the member and is itself audited.
 * 3. Read the readings of the requested metrics in the range.
 * 4. Record the export (who, when, what: the range, codes and resource count, never values) before returning it.
 */
export const exportObservations = async (
  input: {
    staff: StaffMember;
    search: z.input<typeof observationSearchSchema>;
    selfUrl: string;
    requestId: string;
  },
  deps: { roster: CareTeamRoster; readings: ReadingStore; audit: AuditLog; clock: Clock; baseUrl: string },
): Promise<ObservationBundle> => {
  const search = observationSearchSchema.parse(input.search);
  await authoriseMemberAccess(input.staff, search.subject, {
    roster: deps.roster,
    audit: deps.audit,
    now: () => deps.clock.now(),
    requestId: input.requestId,
  });
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
    action: 'observations-exported',
    at: now.toISOString(),
    by: input.staff.email,
    requestId: input.requestId,
    details: {
      format: 'fhir-r4-searchset',
      from: range.from ?? 'any',
      to: range.to ?? 'any',
      codes: search.code.length === 0 ? 'all' : search.code.join(','),
      resources: bundle.total,
    },
  });
  return bundle;
};
