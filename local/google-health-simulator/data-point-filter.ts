import type { DataTypeSpec } from './data-types.js';
import { invalidFilterError } from './rpc-status-error.js';
import type { SimulatedPoint } from './simulated-point.js';

type FieldKind = 'instant' | 'civil' | 'date';

interface FilterField {
  kind: FieldKind;
  key: (point: SimulatedPoint) => number | string;
}

export type PointPredicate = (point: SimulatedPoint) => boolean;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const CIVIL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLAUSE = /^([a-z_]+(?:\.[a-z_]+)+)\s*(>=|<)\s*"([^"]*)"$/;

/** The AIP-160 fields each kind of data type may be filtered on, as documented. */
const fieldsFor = (spec: DataTypeSpec): Map<string, FilterField> => {
  const prefix = spec.filterName;
  switch (spec.kind) {
    case 'sample':
      return new Map<string, FilterField>([
        [`${prefix}.sample_time.physical_time`, { kind: 'instant', key: (point) => point.startMs }],
        [`${prefix}.sample_time.civil_time`, { kind: 'civil', key: (point) => point.civilStart }],
      ]);
    case 'interval':
      return new Map<string, FilterField>([
        [`${prefix}.interval.start_time`, { kind: 'instant', key: (point) => point.startMs }],
        [`${prefix}.interval.civil_start_time`, { kind: 'civil', key: (point) => point.civilStart }],
      ]);
    case 'session':
      return new Map<string, FilterField>([
        [`${prefix}.interval.end_time`, { kind: 'instant', key: (point) => point.endMs }],
        [`${prefix}.interval.civil_end_time`, { kind: 'civil', key: (point) => point.civilEnd }],
      ]);
    case 'daily':
      return new Map<string, FilterField>([[`${prefix}.date`, { kind: 'date', key: (point) => point.date }]]);
  }
};

const parseValue = (field: string, kind: FieldKind, raw: string): number | string => {
  const pattern = kind === 'instant' ? INSTANT : kind === 'civil' ? CIVIL : DATE;
  const parsed = kind === 'instant' ? Date.parse(raw) : raw;
  if (!pattern.test(raw) || Number.isNaN(parsed)) {
    const expected =
      kind === 'instant' ? 'an RFC 3339 timestamp' : kind === 'civil' ? 'a civil date-time' : 'a date';
    throw invalidFilterError(`Invalid value for ${field}: expected ${expected}`);
  }
  return parsed;
};

/**
 * Parses the AIP-160 subset the API accepts: `<field> >= "<value>"` and `<field> < "<value>"` clauses
 * joined by AND. Anything else is INVALID_FILTER_FORMAT.
 */
export const parseDataPointFilter = (spec: DataTypeSpec, filter: string | undefined): PointPredicate => {
  if (filter === undefined || filter.trim() === '') return () => true;
  const fields = fieldsFor(spec);
  const predicates = filter
    .trim()
    .split(/\s+AND\s+/)
    .map((clause): PointPredicate => {
      const match = CLAUSE.exec(clause.trim());
      if (match === null) throw invalidFilterError(`Invalid filter clause: ${clause.trim()}`);
      const [, name = '', operator, raw = ''] = match;
      const field = fields.get(name);
      if (field === undefined) {
        throw invalidFilterError(
          `Field ${name} cannot be filtered for ${spec.name}; allowed: ${[...fields.keys()].join(', ')}`,
        );
      }
      const value = parseValue(name, field.kind, raw);
      return operator === '>=' ? (point) => field.key(point) >= value : (point) => field.key(point) < value;
    });
  return (point) => predicates.every((predicate) => predicate(point));
};

/**
 * The instants a filter reaches, for generating only the days it needs: `>=` and `<` on the instant
 * field (or a date, read as UTC midnight). Civil-time filters leave the range open. Assumes the filter
 * was validated by parseDataPointFilter.
 */
export const instantRangeOf = (
  spec: DataTypeSpec,
  filter: string | undefined,
): { fromMs?: number; toMs?: number } => {
  const range: { fromMs?: number; toMs?: number } = {};
  if (filter === undefined) return range;
  const fields = fieldsFor(spec);
  for (const clause of filter.trim().split(/\s+AND\s+/)) {
    const [, name = '', operator, raw = ''] = CLAUSE.exec(clause.trim()) ?? [];
    const kind = fields.get(name)?.kind;
    if (kind !== 'instant' && kind !== 'date') continue;
    const ms = Date.parse(kind === 'date' ? `${raw}T00:00:00Z` : raw);
    if (Number.isNaN(ms)) continue;
    if (operator === '>=') range.fromMs = ms;
    else range.toMs = ms;
  }
  return range;
};
