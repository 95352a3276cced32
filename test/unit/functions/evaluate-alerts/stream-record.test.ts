import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { $ZodError } from 'zod/v4/core';
import { readingFromStreamRecord } from '../../../../functions/evaluate-alerts/stream-record.js';
import fixture from '../../../fixtures/evaluate-alerts/stream-insert-blood-pressure.json' with {
  type: 'json',
};

const record = (): DynamoDBRecord => structuredClone(fixture) as DynamoDBRecord;

describe('readingFromStreamRecord', () => {
  it('reads the fields the rules use from a blood-pressure INSERT, dropping the rest', () => {
    expect(readingFromStreamRecord(record())).toEqual({
      metric: 'blood-pressure',
      memberId: 'm-1',
      measuredAt: '2026-11-20T07:31:00.000Z',
      systolic: 184,
      diastolic: 102,
      status: {
        bodyMovement: false,
        cuffTooLoose: false,
        irregularPulse: true,
        pulseRateRange: 0,
        improperPosition: false,
        raw: 4,
      },
      // The device id is kept: it tells the baseline rule when the monitor was registered.
      provenance: { source: 'json', deviceId: 'dev-1', recordingMethod: 'device-measured' },
    });
  });

  it('reads a replaced daily summary (MODIFY)', () => {
    const modify = record();
    modify.eventName = 'MODIFY';
    modify.dynamodb = {
      NewImage: {
        pk: { S: 'MEMBER#m-1#daily-oxygen-saturation' },
        sk: { S: 'DAY#2026-11-19' },
        metric: { S: 'daily-oxygen-saturation' },
        memberId: { S: 'm-1' },
        measuredAt: { S: '2026-11-19T00:00:00.000Z' },
        localDate: { S: '2026-11-19' },
        averagePercentage: { N: '93.4' },
        provenance: { M: { source: { S: 'google-health' } } },
      },
    };
    expect(readingFromStreamRecord(modify)).toEqual({
      metric: 'daily-oxygen-saturation',
      memberId: 'm-1',
      measuredAt: '2026-11-19T00:00:00.000Z',
      localDate: '2026-11-19',
      averagePercentage: 93.4,
      provenance: { source: 'google-health' },
    });
  });

  it('skips REMOVE records and items that are not readings', () => {
    const remove = record();
    remove.eventName = 'REMOVE';
    expect(readingFromStreamRecord(remove)).toBeUndefined();

    const other = record();
    other.dynamodb = { NewImage: { pk: { S: 'MEMBER#m-1#x' }, sk: { S: 'META' } } };
    expect(readingFromStreamRecord(other)).toBeUndefined();
  });

  it('fails the record when a reading is malformed, so it is retried then sent to the failure queue', () => {
    const broken = record();
    const image = broken.dynamodb?.NewImage;
    if (image === undefined) throw new Error('fixture has no NewImage');
    image.systolic = { S: 'high' };
    expect(() => readingFromStreamRecord(broken)).toThrow($ZodError);
  });
});
