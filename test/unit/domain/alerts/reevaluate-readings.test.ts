import { describe, expect, it } from 'vitest';
import { reevaluateReadings } from '../../../../shared/domain/alerts/reevaluate-readings.js';
import type { BloodPressureReading } from '../../../../shared/domain/blood-pressure-reading.js';
import { storedReadingPorts } from './stored-reading-ports.js';

const stored = (systolic: number, measuredAt: string): BloodPressureReading => ({
  metric: 'blood-pressure',
  memberId: 'm-1',
  measuredAt,
  utcOffsetMinutes: 0,
  systolic,
  diastolic: 90,
  meanArterialPressure: 110,
  provenance: { source: 'json', recordingMethod: 'device-measured' },
});

describe('reevaluateReadings (alerts reevaluate)', () => {
  it('raises what a failed evaluation missed, oldest first, and sends nothing twice when run again', async () => {
    const readings = [
      stored(232, '2026-11-20T19:00:00.000Z'),
      stored(182, '2026-11-20T07:00:00.000Z'),
      stored(140, '2026-11-21T07:00:00.000Z'),
    ];
    const ports = storedReadingPorts({ stored: readings });
    const range = { memberId: 'm-1', from: '2026-11-20T00:00:00.000Z', to: '2026-11-22T00:00:00.000Z' };
    const first = await reevaluateReadings(ports, range);
    expect(first.readings).toBe(3);
    expect(first.outcomes).toMatchObject({ raised: 1, escalated: 1 });
    expect(ports.publisher.kinds()).toEqual(['raised', 'escalated']);

    const again = await reevaluateReadings(ports, range);
    expect(again.outcomes).toEqual({ unchanged: 6 });
    expect(ports.publisher.kinds()).toEqual(['raised', 'escalated']);
  });
});
