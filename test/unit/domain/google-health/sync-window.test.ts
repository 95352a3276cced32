import { describe, expect, it } from 'vitest';
import {
  filterFor,
  filterTimestamp,
  nextCursor,
  planSyncChunk,
} from '../../../../shared/domain/google-health/sync-window.js';

/** The window of the next chunk alone. */
const planSyncWindow = (input: Parameters<typeof planSyncChunk>[0]) => planSyncChunk(input).window;

const now = new Date('2026-11-23T10:15:00Z');
const timeZone = 'Europe/London';

describe('planSyncWindow', () => {
  it('backfills 30 member-local days when a type has no cursor', () => {
    const window = planSyncWindow({ dataType: 'weight', timeZone, now });
    expect(window).toEqual({
      dataType: 'weight',
      startTime: '2026-10-23T23:00:00Z',
      endTime: '2026-11-23T10:15:00Z',
    });
    expect(filterFor(window)).toBe(
      'weight.sample_time.physical_time >= "2026-10-23T23:00:00Z" AND weight.sample_time.physical_time < "2026-11-23T10:15:00Z"',
    );
  });

  it('starts a sparse type two hours before its cursor', () => {
    expect(
      planSyncWindow({ dataType: 'sleep', cursor: '2026-11-23T06:48:00Z', timeZone, now }).startTime,
    ).toBe('2026-11-23T04:48:00Z');
  });

  it('starts an hour-bucketed type on the hour, and steps at local midnight, so buckets are rebuilt whole', () => {
    const summer = { cursor: '2026-07-10T09:20:00Z', timeZone, now: new Date('2026-07-10T12:00:00Z') };
    const heartRate = planSyncWindow({ dataType: 'heart-rate', ...summer });
    expect(heartRate.startTime).toBe('2026-07-10T07:00:00Z');
    expect(filterFor(heartRate)).toContain('heart_rate.sample_time.physical_time >= "2026-07-10T07:00:00Z"');
    expect(planSyncWindow({ dataType: 'steps', ...summer }).startTime).toBe('2026-07-09T23:00:00Z');
  });

  it('bounds a dense backfill to one member-local day per chunk, checkpointed at its end', () => {
    const first = planSyncChunk({ dataType: 'heart-rate', timeZone, now });
    expect(first).toEqual({
      window: { dataType: 'heart-rate', startTime: '2026-10-23T23:00:00Z', endTime: '2026-10-24T23:00:00Z' },
      continuation: { cursor: '2026-10-24T23:00:00.000Z' },
    });
    const second = planSyncChunk({
      dataType: 'heart-rate',
      cursor: '2026-10-24T23:00:00.000Z',
      timeZone,
      now,
    });
    // The two-hour overlap, then the next local day (25 October has 25 hours in London).
    expect(second.window).toMatchObject({
      startTime: '2026-10-24T21:00:00Z',
      endTime: '2026-10-26T00:00:00Z',
    });
    expect(second.continuation).toEqual({ cursor: '2026-10-26T00:00:00.000Z' });
    // A sparse type is small at any rate: one window to now.
    expect(planSyncChunk({ dataType: 'weight', timeZone, now }).continuation).toBeUndefined();
  });

  it('re-reads an old webhook change behind the cursor a day at a time, without moving the cursor', () => {
    const chunk = planSyncChunk({
      dataType: 'heart-rate',
      cursor: '2026-11-23T09:00:00Z',
      changedSince: '2026-11-20T07:30:00Z',
      timeZone,
      now,
    });
    expect(chunk).toEqual({
      window: { dataType: 'heart-rate', startTime: '2026-11-20T07:00:00Z', endTime: '2026-11-21T00:00:00Z' },
      continuation: { changedSince: '2026-11-21T00:00:00.000Z' },
    });
    const next = planSyncChunk({
      dataType: 'heart-rate',
      cursor: '2026-11-23T09:00:00Z',
      changedSince: '2026-11-21T00:00:00.000Z',
      timeZone,
      now,
    });
    expect(next.window.startTime).toBe('2026-11-21T00:00:00Z');
    expect(next.window.endTime).toBe('2026-11-22T00:00:00Z');
  });

  it('reaches now when the cursor is recent', () => {
    const chunk = planSyncChunk({ dataType: 'heart-rate', cursor: '2026-11-23T09:40:00Z', timeZone, now });
    expect(chunk).toEqual({
      window: { dataType: 'heart-rate', startTime: '2026-11-23T07:00:00Z', endTime: '2026-11-23T10:15:00Z' },
    });
  });

  it('widens to a webhook change before the cursor, but never past the backfill limit', () => {
    const cursor = '2026-11-23T08:00:00Z';
    expect(
      planSyncWindow({ dataType: 'weight', cursor, changedSince: '2026-11-20T07:00:00Z', timeZone, now })
        .startTime,
    ).toBe('2026-11-20T07:00:00Z');
    expect(
      planSyncWindow({ dataType: 'weight', cursor, changedSince: '2025-01-01T00:00:00Z', timeZone, now })
        .startTime,
    ).toBe('2026-10-23T23:00:00Z');
  });

  it('filters daily types by member-local date', () => {
    const window = planSyncWindow({
      dataType: 'daily-resting-heart-rate',
      cursor: '2026-11-22T00:00:00Z',
      timeZone,
      now,
    });
    expect(filterFor(window)).toBe(
      'daily_resting_heart_rate.date >= "2026-11-21" AND daily_resting_heart_rate.date < "2026-11-24"',
    );
  });
});

describe('nextCursor', () => {
  it('never moves backwards and follows the newest data', () => {
    expect(
      nextCursor({ previous: '2026-11-23T09:00:00.000Z', newestData: '2026-11-23T08:00:00Z', now }),
    ).toBe('2026-11-23T09:00:00.000Z');
    expect(
      nextCursor({ previous: '2026-11-23T09:00:00.000Z', newestData: '2026-11-23T10:00:00Z', now }),
    ).toBe('2026-11-23T10:00:00.000Z');
  });

  it('never passes now, whatever time a data point claims', () => {
    expect(
      nextCursor({ previous: '2026-11-23T09:00:00.000Z', newestData: '2027-01-01T00:00:00Z', now }),
    ).toBe(now.toISOString());
  });

  it('plans a real window from a cursor that was left in the future', () => {
    const window = planSyncWindow({
      dataType: 'steps',
      cursor: '2027-01-01T00:00:00.000Z',
      timeZone: 'Europe/London',
      now,
    });
    expect(Date.parse(window.startTime)).toBeLessThan(now.getTime());
    expect(window.endTime).toBe(filterTimestamp(now));
  });

  it('moves to a week ago when a silent member has no newer data', () => {
    expect(nextCursor({ now })).toBe('2026-11-16T10:15:00.000Z');
  });
});
