import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../../cli/cli-context.js';
import { CliError } from '../../../cli/cli-error.js';
import {
  thresholdsGet,
  thresholdsHistory,
  thresholdsSet,
} from '../../../cli/commands/thresholds-commands.js';
import type { ThresholdChange } from '../../../shared/domain/ports/threshold-store.js';

/** The CLI's context with an in-memory audit store that keeps every change, as the DynamoDB one does. */
const contextAt = (now: string) => {
  const history: ThresholdChange[] = [];
  const context = {
    clock: { now: () => new Date(now) },
    directory: {
      getMember: async (memberId: string) =>
        memberId === 'm-1' ? { memberId, name: 'Sam', timezone: 'Europe/London', createdAt: now } : undefined,
    },
    thresholds: {
      getOverrides: async () => history.at(-1)?.overrides,
      getCurrent: async () => history.at(-1),
      setOverrides: async (_memberId: string, change: ThresholdChange) => {
        history.push(structuredClone(change));
      },
      listHistory: async () => [...history].reverse(),
    },
  };
  return { context: context as unknown as CliContext, history };
};

const base = { member: 'm-1', by: 'Dr Patel', reason: 'Agreed at the November review' };

describe('thresholds set', () => {
  it('requires --by and --reason', async () => {
    const { context } = contextAt('2026-11-23T09:00:00Z');
    await expect(
      thresholdsSet({ member: 'm-1', reason: 'x', 'bp-severe-systolic': '170' }, context),
    ).rejects.toThrow('--by is required');
    await expect(
      thresholdsSet({ member: 'm-1', by: 'x', 'bp-severe-systolic': '170' }, context),
    ).rejects.toThrow('--reason is required');
  });

  it('saves who, why and a review date 90 days on by default, and keeps the change in the history', async () => {
    const { context } = contextAt('2026-11-23T09:00:00Z');
    const result = await thresholdsSet({ ...base, 'bp-severe-systolic': '170' }, context);
    expect(result).toMatchObject({
      setBy: 'Dr Patel',
      reason: 'Agreed at the November review',
      reviewBy: '2027-02-21',
      setAt: '2026-11-23T09:00:00.000Z',
      thresholds: { bloodPressure: { severeSystolic: 170 } },
    });
    await thresholdsSet(
      { ...base, reason: 'Back to the default', 'bp-severe-systolic': '180', 'review-by': '2027-01-10' },
      context,
    );
    const { changes } = await thresholdsHistory({ member: 'm-1' }, context);
    expect(changes.map((change) => [change.reason, change.reviewBy])).toEqual([
      ['Back to the default', '2027-01-10'],
      ['Agreed at the November review', '2027-02-21'],
    ]);
    expect((await thresholdsGet({ member: 'm-1' }, context)).reviewBy).toBe('2027-01-10');
  });

  it.each([
    [{ 'bp-severe-systolic': '201' }],
    [{ 'bp-severe-diastolic': '131' }],
    [{ 'bp-severe-systolic': '260', 'bp-severe-diastolic': '160' }],
  ])('refuses severe levels above the 200/130 cap: %j', async (flags) => {
    const { context, history } = contextAt('2026-11-23T09:00:00Z');
    await expect(thresholdsSet({ ...base, ...flags }, context)).rejects.toBeInstanceOf(CliError);
    expect(history).toEqual([]);
  });

  it('switches the low blood pressure rule off only with --allow-disable, and records it', async () => {
    const { context, history } = contextAt('2026-11-23T09:00:00Z');
    await expect(thresholdsSet({ ...base, 'bp-low-enabled': 'false' }, context)).rejects.toThrow(
      /--allow-disable/,
    );
    await thresholdsSet({ ...base, 'bp-low-enabled': 'false', 'allow-disable': true }, context);
    expect(history[0]?.disabledRules).toEqual(['bp-low']);
  });

  it('refuses a review date that is not a future date', async () => {
    const { context } = contextAt('2026-11-23T09:00:00Z');
    for (const reviewBy of ['2026-11-23', '2026-02-30', 'next year']) {
      await expect(
        thresholdsSet({ ...base, 'bp-severe-systolic': '170', 'review-by': reviewBy }, context),
      ).rejects.toThrow(/--review-by/);
    }
  });
});
