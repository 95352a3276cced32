import { describe, expect, it } from 'vitest';
import {
  type HomeReading,
  homeBloodPressureAverage,
} from '../../../../shared/domain/alerts/home-blood-pressure-average.js';

const reading = (measuredAt: string, systolic: number, diastolic: number): HomeReading => ({
  measuredAt,
  systolic,
  diastolic,
});

/** Morning and evening pairs, UTC times chosen for the test. */
const day = (date: string, systolic: number, diastolic: number): HomeReading[] => [
  reading(`${date}T07:00:00.000Z`, systolic, diastolic),
  reading(`${date}T07:01:30.000Z`, systolic, diastolic),
  reading(`${date}T19:00:00.000Z`, systolic, diastolic),
  reading(`${date}T19:01:30.000Z`, systolic, diastolic),
];

describe('homeBloodPressureAverage (NICE NG136)', () => {
  it('needs readings on at least 4 local days', () => {
    const readings = [
      ...day('2026-11-01', 140, 90),
      ...day('2026-11-02', 140, 90),
      ...day('2026-11-03', 140, 90),
    ];
    expect(homeBloodPressureAverage(readings, 'Europe/London')).toEqual({
      status: 'insufficient',
      daysWithReadings: 3,
      daysNeeded: 4,
    });
  });

  it('discards the first day and averages every remaining reading', () => {
    const readings = [
      ...day('2026-11-01', 170, 100), // first day: often higher (white-coat effect at home), discarded
      ...day('2026-11-02', 130, 80),
      ...day('2026-11-03', 140, 86),
      ...day('2026-11-04', 136, 83),
    ];
    expect(homeBloodPressureAverage(readings, 'Europe/London')).toEqual({
      status: 'complete',
      systolic: 135.3,
      diastolic: 83,
      band: 'stage-1',
      discardedDate: '2026-11-01',
      datesUsed: ['2026-11-02', '2026-11-03', '2026-11-04'],
      readingsUsed: 12,
    });
  });

  it.each([
    [134, 84, 'below-stage-1'],
    [135, 70, 'stage-1'],
    [120, 85, 'stage-1'],
    [149, 94, 'stage-1'],
    [150, 80, 'stage-2'],
    [130, 95, 'stage-2'],
  ])('an average of %i/%i is %s', (systolic, diastolic, band) => {
    const readings = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'].flatMap((date) =>
      day(date, systolic, diastolic),
    );
    expect(homeBloodPressureAverage(readings, 'Europe/London')).toMatchObject({ band });
  });

  it('groups by member-local date across the October clock change', () => {
    // 23:30 UTC on 24 Oct is 00:30 BST on 25 Oct; 23:30 UTC on 25 Oct is 23:30 GMT on 25 Oct.
    const readings = [
      reading('2026-10-23T18:00:00.000Z', 200, 110),
      reading('2026-10-24T23:30:00.000Z', 130, 80),
      reading('2026-10-25T23:30:00.000Z', 132, 80),
      reading('2026-10-26T08:00:00.000Z', 134, 80),
      reading('2026-10-27T08:00:00.000Z', 136, 80),
    ];
    expect(homeBloodPressureAverage(readings, 'Europe/London')).toMatchObject({
      status: 'complete',
      discardedDate: '2026-10-23',
      datesUsed: ['2026-10-25', '2026-10-26', '2026-10-27'],
      systolic: 133,
    });
  });

  it('a late-evening BST reading starts a new local day, so it can be the discarded first day', () => {
    const readings = [
      reading('2026-06-30T23:15:00.000Z', 190, 100), // 00:15 BST on 1 Jul
      ...day('2026-07-01', 130, 80),
      ...day('2026-07-02', 130, 80),
      ...day('2026-07-03', 130, 80),
    ];
    expect(homeBloodPressureAverage(readings, 'Europe/London')).toMatchObject({
      status: 'insufficient',
      daysWithReadings: 3,
    });
  });
});
