import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  DATA_POINT_SCHEMAS,
  type DataPointOf,
} from '../../../../shared/adapters/google-health/data-point-schemas.js';
import type { DataPointBatch } from '../../../../shared/adapters/google-health/normalise-data-points.js';
import { toWearableWindow } from '../../../../shared/adapters/google-health/wearable-window.js';
import type { GoogleHealthDataType } from '../../../../shared/domain/google-health/data-types.js';
import { upstreamIdentityOf } from '../../../../shared/domain/google-health/remove-deleted-readings.js';

const context = { memberId: 'm-1', timeZone: 'Europe/London' };

const points = <T extends GoogleHealthDataType>(dataType: T, file: string): DataPointOf[T][] => {
  const body = JSON.parse(
    readFileSync(new URL(`../../../fixtures/google-health/${file}`, import.meta.url), 'utf8'),
  );
  return z.array(DATA_POINT_SCHEMAS[dataType]).parse(body.dataPoints) as DataPointOf[T][];
};

describe('toWearableWindow: Google points into the provider-neutral window', () => {
  it('gives every stored reading an identity that upstream still lists', () => {
    for (const [dataType, file] of [
      ['weight', 'weight.json'],
      ['sleep', 'sleep.json'],
      ['daily-resting-heart-rate', 'daily-resting-heart-rate.json'],
      ['daily-oxygen-saturation', 'daily-oxygen-saturation.json'],
    ] as const) {
      const window = toWearableWindow(
        { dataType, points: points(dataType, file) } as DataPointBatch,
        context,
      );
      expect(window.readings.length).toBeGreaterThan(0);
      for (const reading of window.readings) {
        expect(window.upstreamIdentities.has(upstreamIdentityOf(reading))).toBe(true);
      }
    }
  });

  it('counts a sleep session still being processed as upstream, but neither stores it nor moves the cursor past it', () => {
    const [night] = points('sleep', 'sleep.json');
    if (night === undefined) throw new Error('fixture has no sleep');
    const computing = { ...night, sleep: { ...night.sleep, metadata: { processed: false } } };
    const window = toWearableWindow({ dataType: 'sleep', points: [computing] }, context);
    expect(window.readings).toEqual([]);
    expect(window.newestDataAt).toBeUndefined();
    expect([...window.upstreamIdentities]).toEqual([new Date(night.sleep.interval.startTime).toISOString()]);
  });

  it('reports the newest data time for the cursor, and none for an empty window', () => {
    const weighIns = points('weight', 'weight.json');
    const newest = weighIns
      .map((point) => Date.parse(point.weight.sampleTime.physicalTime))
      .reduce((a, b) => Math.max(a, b));
    expect(toWearableWindow({ dataType: 'weight', points: weighIns }, context).newestDataAt).toBe(
      new Date(newest).toISOString(),
    );
    expect(toWearableWindow({ dataType: 'weight', points: [] }, context)).toEqual({
      readings: [],
      upstreamIdentities: new Set(),
    });
  });
});
