import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../../cli/cli-context.js';
import { CliError } from '../../../cli/cli-error.js';
import {
  thresholdsGet,
  thresholdsHistory,
  thresholdsSet,
} from '../../../cli/commands/thresholds-commands.js';
import { InMemoryMemberDirectory } from '../../fakes/member-directory.js';
import { InMemoryThresholdStore } from '../../fakes/threshold-store.js';

/** The CLI's context on the shared fakes: the threshold store keeps every change, as the DynamoDB one does. */
const contextAt = (start: string) => {
  let now = new Date(start);
  const thresholds = new InMemoryThresholdStore();
  const context = {
    clock: { now: () => now },
    directory: new InMemoryMemberDirectory({
      memberId: 'm-1',
      name: 'Sam',
      timezone: 'Europe/London',
      createdAt: start,
    }),
    thresholds,
  };
  /** Every change, oldest first. */
  const history = async () => (await thresholds.listHistory('m-1')).reverse();
  const advanceMinutes = (minutes: number) => {
    now = new Date(now.getTime() + minutes * 60_000);
  };
  return { context: context as unknown as CliContext, history, advanceMinutes };
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
    const { context, advanceMinutes } = contextAt('2026-11-23T09:00:00Z');
    const result = await thresholdsSet({ ...base, 'bp-severe-systolic': '170' }, context);
    expect(result).toMatchObject({
      setBy: 'Dr Patel',
      reason: 'Agreed at the November review',
      reviewBy: '2027-02-21',
      setAt: '2026-11-23T09:00:00.000Z',
      thresholds: { bloodPressure: { severeSystolic: 170 } },
    });
    advanceMinutes(5);
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
    expect(await history()).toEqual([]);
  });

  it('switches the low blood pressure rule off only with --allow-disable, and records it', async () => {
    const { context, history } = contextAt('2026-11-23T09:00:00Z');
    await expect(thresholdsSet({ ...base, 'bp-low-enabled': 'false' }, context)).rejects.toThrow(
      /--allow-disable/,
    );
    await thresholdsSet({ ...base, 'bp-low-enabled': 'false', 'allow-disable': true }, context);
    expect((await history())[0]?.disabledRules).toEqual(['bp-low']);
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
