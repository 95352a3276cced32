import { describe, expect, it } from 'vitest';
import {
  shouldAskWhetherWorn,
  wearCheckRange,
} from '../../../../shared/domain/google-health/wear-evidence.js';

const now = new Date('2026-11-23T10:00:00Z');

describe('shouldAskWhetherWorn', () => {
  it('never asks for a job of weight or daily summaries alone: they say nothing about the tracker', () => {
    for (const dataTypes of [['weight'], ['daily-resting-heart-rate', 'daily-oxygen-saturation']] as const) {
      expect(
        shouldAskWhetherWorn({ job: { dataTypes: [...dataTypes] }, now, newestEvidenceSeen: null }),
      ).toBe(false);
    }
  });

  it('asks when every source shows heart rate or steps newer than the last worn time', () => {
    expect(
      shouldAskWhetherWorn({
        job: { dataTypes: ['steps', 'heart-rate'] },
        lastDataAt: '2026-11-23T05:00:00.000Z',
        now,
        newestEvidenceSeen: '2026-11-23T09:55:00.000Z',
      }),
    ).toBe(true);
    expect(shouldAskWhetherWorn({ job: {}, now, newestEvidenceSeen: '2026-11-23T09:55:00.000Z' })).toBe(true);
  });

  it('does not ask when nothing newer arrived from any source, or the worn time is under 3 hours old', () => {
    const job = { dataTypes: ['steps' as const, 'heart-rate' as const] };
    expect(
      shouldAskWhetherWorn({
        job,
        lastDataAt: '2026-11-23T05:00:00.000Z',
        now,
        newestEvidenceSeen: '2026-11-23T04:00:00.000Z',
      }),
    ).toBe(false);
    expect(shouldAskWhetherWorn({ job, now, newestEvidenceSeen: undefined })).toBe(false);
    expect(
      shouldAskWhetherWorn({
        job,
        lastDataAt: '2026-11-23T08:00:00.000Z',
        now,
        newestEvidenceSeen: '2026-11-23T09:59:00.000Z',
      }),
    ).toBe(false);
  });

  it('asks after a sleep-only sync, which read neither heart rate nor steps', () => {
    expect(
      shouldAskWhetherWorn({
        job: { dataTypes: ['sleep'] },
        lastDataAt: '2026-11-22T22:00:00.000Z',
        now,
        newestEvidenceSeen: null,
      }),
    ).toBe(true);
  });
});

describe('wearCheckRange', () => {
  it('starts at the last worn time, or at the backfill start for a member never seen wearing it', () => {
    expect(
      wearCheckRange({ lastDataAt: '2026-11-20T07:30:00.000Z', now, timeZone: 'Europe/London' }),
    ).toEqual({
      startTime: '2026-11-20T07:30:00Z',
      endTime: '2026-11-23T10:00:00Z',
    });
    expect(wearCheckRange({ now, timeZone: 'Europe/London', backfillDays: 2 })).toEqual({
      startTime: '2026-11-21T00:00:00Z',
      endTime: '2026-11-23T10:00:00Z',
    });
  });
});
