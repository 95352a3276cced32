import type { NormaliseContext } from '../../../../shared/domain/blood-pressure/item-outcome.js';

/** A London member uploading from one device; "now" is Monday 23 November 2026, 09:00 UTC. */
export const LONDON_CONTEXT: NormaliseContext = {
  memberId: 'm-test',
  timezone: 'Europe/London',
  deviceId: 'd-test',
  nowMs: Date.parse('2026-11-23T09:00:00Z'),
};

export const base64 = (...values: number[]): string => Buffer.from(values).toString('base64');
