import { beforeEach, describe, expect, it } from 'vitest';
import {
  ingestReadings,
  MemberNotFoundError,
} from '../../../../shared/domain/blood-pressure/ingest-readings.js';
import { InvalidUploadError } from '../../../../shared/domain/blood-pressure/item-outcome.js';
import type { Clock } from '../../../../shared/domain/clock.js';
import { InMemoryMemberDirectory } from '../../../fakes/member-directory.js';
import { InMemoryReadingStore } from '../../../fakes/reading-store.js';

const clock: Clock = { now: () => new Date('2026-11-23T09:00:00Z') };
const directory = new InMemoryMemberDirectory({
  memberId: 'm-1',
  name: 'Test Member',
  timezone: 'Europe/London',
  createdAt: '2026-01-01T00:00:00.000Z',
});

const reading = (measuredAt: string, systolic = 130) => ({ systolic, diastolic: 85, measuredAt });

describe('ingestReadings', () => {
  let store: InMemoryReadingStore;
  beforeEach(() => {
    store = new InMemoryReadingStore();
  });

  const ingest = (body: unknown, deviceId = 'd-1') =>
    ingestReadings({ memberId: 'm-1', deviceId, format: 'json', body }, { directory, store, clock });

  it('stores valid readings and reports each item in order', async () => {
    const result = await ingest({
      readings: [
        reading('2026-11-22T08:00:00Z'),
        reading('2026-11-22T20:00:00Z', 20),
        reading('2026-11-22T20:01:00Z'),
      ],
    });
    expect(result).toEqual({
      results: [
        { index: 0, status: 'stored', measuredAt: '2026-11-22T08:00:00.000Z' },
        { index: 1, status: 'rejected', reason: 'systolic 20 mmHg is outside the plausible range 50 to 300' },
        { index: 2, status: 'stored', measuredAt: '2026-11-22T20:01:00.000Z' },
      ],
      summary: { stored: 2, duplicate: 0, rejected: 1 },
    });
    expect(store.items.size).toBe(2);
    expect([...store.items.values()].every((stored) => stored.memberId === 'm-1')).toBe(true);
  });

  it('collapses copies within one request, whatever offset they were written with', async () => {
    const result = await ingest({
      readings: [reading('2026-07-15T08:00:00+01:00'), reading('2026-07-15T07:00:00Z')],
    });
    expect(result.results.map((item) => item.status)).toEqual(['stored', 'duplicate']);
    expect(store.items.size).toBe(1);
  });

  it('reports a re-upload as duplicate and stores nothing new', async () => {
    const body = { readings: [reading('2026-11-22T08:00:00Z'), reading('2026-11-22T20:00:00Z')] };
    await ingest(body);
    const again = await ingest(body);
    expect(again.summary).toEqual({ stored: 0, duplicate: 2, rejected: 0 });
    expect(store.items.size).toBe(2);
  });

  it('keeps the same time from two devices apart', async () => {
    await ingest({ readings: [reading('2026-11-22T08:00:00Z')] }, 'd-1');
    const other = await ingest({ readings: [reading('2026-11-22T08:00:00Z')] }, 'd-2');
    expect(other.summary.stored).toBe(1);
  });

  it('ingests FHIR bodies, keyed by Observation.id', async () => {
    const observation = {
      resourceType: 'Observation',
      id: 'obs-9',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
      effectiveDateTime: '2026-11-22T08:00:00+00:00',
      component: [
        {
          code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
          valueQuantity: { value: 150, code: 'mm[Hg]' },
        },
        {
          code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] },
          valueQuantity: { value: 95, code: 'mm[Hg]' },
        },
      ],
    };
    const body = { resourceType: 'Bundle', entry: [{ resource: observation }, { resource: observation }] };
    const result = await ingestReadings(
      { memberId: 'm-1', deviceId: 'd-1', format: 'fhir', body },
      { directory, store, clock },
    );
    expect(result.summary).toEqual({ stored: 1, duplicate: 1, rejected: 0 });
    expect([...store.items.values()][0]?.provenance.sourceRecordId).toBe('obs-9');
  });

  it('stores nothing when the envelope is wrong', async () => {
    await expect(ingest({ readings: [reading('2026-11-22T08:00:00Z')], memberId: 'm-2' })).rejects.toThrow(
      InvalidUploadError,
    );
    expect(store.items.size).toBe(0);
  });

  it('refuses an unknown member before reading the body', async () => {
    await expect(
      ingestReadings(
        {
          memberId: 'm-gone',
          deviceId: 'd-1',
          format: 'json',
          body: { readings: [reading('2026-11-22T08:00:00Z')] },
        },
        { directory, store, clock },
      ),
    ).rejects.toThrow(MemberNotFoundError);
    expect(store.items.size).toBe(0);
  });

  it('refuses an upload already past the authoriser once the erasure of its member has started', async () => {
    const leaving = new InMemoryMemberDirectory({
      memberId: 'm-leaving',
      name: 'Leaving Member',
      timezone: 'Europe/London',
      createdAt: '2026-01-01T00:00:00.000Z',
      erasureRequestedAt: '2026-11-23T08:59:00.000Z',
    });
    await expect(
      ingestReadings(
        {
          memberId: 'm-leaving',
          deviceId: 'd-1',
          format: 'json',
          body: { readings: [reading('2026-11-22T08:00:00Z')] },
        },
        { directory: leaving, store, clock },
      ),
    ).rejects.toThrow(MemberNotFoundError);
    expect(store.items.size).toBe(0);
  });

  it('stores a large batch with every result in request order', async () => {
    const readings = Array.from({ length: 100 }, (_, minute) =>
      reading(`2026-11-22T08:${String(minute % 60).padStart(2, '0')}:00+0${Math.floor(minute / 60)}:00`),
    );
    const result = await ingest({ readings });
    expect(result.results.map((item) => item.index)).toEqual(readings.map((_, index) => index));
    expect(result.summary).toEqual({ stored: 100, duplicate: 0, rejected: 0 });
  });
});
