import type { DataTypeName } from './data-types.js';

/** One stored data point, with the keys listing and filtering need precomputed. */
export interface SimulatedPoint {
  readonly id: string;
  readonly dataType: DataTypeName;
  readonly manual: boolean;
  /** Newest-first order is by this (interval or sample start; local midnight for daily types). */
  readonly startMs: number;
  readonly endMs: number;
  readonly availableAtMs: number;
  /** Member-local YYYY-MM-DDTHH:MM:SS of start and end, for civil filters. */
  readonly civilStart: string;
  readonly civilEnd: string;
  /** Member-local YYYY-MM-DD; the daily types' `date`. */
  readonly date: string;
  /** The JSON data point as `list` returns it (a DataPoint, with name and dataSource). */
  readonly json: Record<string, unknown>;
  /** Sleep only: until this instant the session is still being computed and `computingJson` is served. */
  readonly processedAtMs?: number;
  readonly computingJson?: Record<string, unknown>;
}

/** Newest first, ties broken by id so paging is a total order. */
export const compareNewestFirst = (a: SimulatedPoint, b: SimulatedPoint): number =>
  b.startMs - a.startMs || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
