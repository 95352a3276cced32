import { parseDataPointFilter } from './data-point-filter.js';
import type { DataTypeSpec } from './data-types.js';
import { decodePageToken, encodePageToken, isAfterCursor } from './page-token.js';
import { invalidArgumentError } from './rpc-status-error.js';
import { hashKey } from './seeded-random.js';
import type { SimulatedPoint } from './simulated-point.js';

export interface ListRequest {
  method: 'list' | 'reconcile';
  /** The simulator's clock: decides whether a sleep session is still being computed. */
  nowMs: number;
  filter: string | undefined;
  pageSize: string | undefined;
  pageToken: string | undefined;
  dataSourceFamily: string | undefined;
}

export interface ListResponse {
  dataPoints: Array<Record<string, unknown>>;
  nextPageToken?: string;
}

const FAMILY =
  /^users\/[A-Za-z0-9-]{1,63}\/dataSourceFamilies\/(all-sources|google-wearables|google-sources)$/;

const parsePageSize = (spec: DataTypeSpec, raw: string | undefined): number => {
  if (raw === undefined || raw === '') return spec.defaultPageSize;
  if (!/^-?\d+$/.test(raw)) throw invalidArgumentError('pageSize must be an integer');
  const size = Number(raw);
  if (size < 0) throw invalidArgumentError('pageSize must not be negative');
  if (size === 0) return spec.defaultPageSize;
  return Math.min(size, spec.maxPageSize);
};

/**
 * The JSON of a point for one method. `list` returns DataPoint (name, dataSource, value). `reconcile`
 * returns ReconciledDataPoint (data_points.proto): the value and `dataPointName` only, no dataSource and
 * no name. Merged dense points have no single name, so theirs is empty, which proto3 JSON omits.
 */
const pointJson = (
  spec: DataTypeSpec,
  point: SimulatedPoint,
  request: ListRequest,
): Record<string, unknown> => {
  const json =
    point.processedAtMs !== undefined &&
    request.nowMs < point.processedAtMs &&
    point.computingJson !== undefined
      ? point.computingJson
      : point.json;
  if (request.method === 'list') return json;
  const { name, dataSource: _dataSource, ...value } = json;
  const keepsName = spec.kind === 'session' || spec.kind === 'daily';
  return keepsName && typeof name === 'string' ? { ...value, dataPointName: name } : value;
};

/** all-sources (the default) keeps everything; google-wearables drops manual entries. */
const familyFilter = (raw: string | undefined): ((point: SimulatedPoint) => boolean) => {
  if (raw === undefined || raw === '') return () => true;
  const match = FAMILY.exec(raw);
  if (match === null) throw invalidArgumentError(`Unknown dataSourceFamily: ${raw}`);
  return match[1] === 'google-wearables' ? (point) => !point.manual : () => true;
};

/**
 * One page of points, newest first. Paging is keyset-based (the token names the last point returned), so
 * points that arrive while a client pages never shift a page or repeat.
 */
export const listDataPoints = (
  spec: DataTypeSpec,
  newestFirst: SimulatedPoint[],
  request: ListRequest,
  scopeKey: string,
): ListResponse => {
  const pageSize = parsePageSize(spec, request.pageSize);
  const matchesFilter = parseDataPointFilter(spec, request.filter);
  const matchesFamily = familyFilter(request.dataSourceFamily);
  const query = hashKey(
    [scopeKey, spec.name, request.method, request.filter ?? '', request.dataSourceFamily ?? ''].join('\n'),
  ).toString(36);
  const cursor =
    request.pageToken === undefined || request.pageToken === ''
      ? undefined
      : decodePageToken(request.pageToken, query);
  const page: SimulatedPoint[] = [];
  let more = false;
  for (const point of newestFirst) {
    if (cursor !== undefined && !isAfterCursor(point, cursor)) continue;
    if (!matchesFamily(point) || !matchesFilter(point)) continue;
    if (page.length === pageSize) {
      more = true;
      break;
    }
    page.push(point);
  }
  const last = page.at(-1);
  return {
    dataPoints: page.map((point) => pointJson(spec, point, request)),
    ...(more && last !== undefined
      ? { nextPageToken: encodePageToken({ startMs: last.startMs, id: last.id, query }) }
      : {}),
  };
};
