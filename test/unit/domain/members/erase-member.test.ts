import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../../shared/domain/audit-record.js';
import { eraseMember } from '../../../../shared/domain/members/erase-member.js';
import { UnknownMemberError } from '../../../../shared/domain/members/register-device.js';
import type { MemberRecordEraser } from '../../../../shared/domain/ports/member-record-eraser.js';
import { InMemoryLinkStore } from '../../../fakes/link-store.js';

/** An eraser over one member's record: counts what it deletes, remembers the retention date. */
const fakeEraser = () => {
  const state = {
    readings: 3,
    deletedRecord: false,
    retainUntil: undefined as string | undefined,
    profile: true,
    erasureRequestedAt: undefined as string | undefined,
  };
  const eraser: MemberRecordEraser = {
    beginErasure: async (_memberId, at) => {
      if (state.profile) state.erasureRequestedAt ??= at;
      return state.profile;
    },
    deleteDevices: async () => 0,
    deleteRecord: async () => {
      const readings = state.readings;
      state.readings = 0;
      state.deletedRecord = true;
      state.profile = false;
      return { readings, dayBuckets: 0, alerts: 0, memberItems: {} };
    },
    retainRecord: async (_memberId, until) => {
      state.retainUntil ??= until;
      return state.retainUntil;
    },
  };
  return { eraser, state };
};

const depsAt = (iso: string, eraser: MemberRecordEraser, records: AuditRecord[]) => ({
  eraser,
  invitations: new InMemoryLinkStore(),
  audit: { record: async (record: AuditRecord) => void records.push(record), list: async () => records },
  clock: { now: () => new Date(iso) },
  unlink: async () => ({ unlinked: false, revocation: 'not-needed' as const, invitationsCancelled: 0 }),
});

describe('eraseMember retention', () => {
  it('keeps the clinical record for the policy period, then erases it when run again after that period', async () => {
    const { eraser, state } = fakeEraser();
    const records: AuditRecord[] = [];
    const rule = { kind: 'keep-clinical-record', years: 8 } as const;
    const first = await eraseMember('m1', 'jo', rule, depsAt('2026-12-01T00:00:00.000Z', eraser, records));
    expect(first.retainedUntil).toBe('2034-12-01T00:00:00.000Z');
    expect(state.deletedRecord).toBe(false);
    expect(records.map((record) => record.details)).toEqual([
      {
        retention: 'keep-clinical-record',
        retainedUntil: '2034-12-01T00:00:00.000Z',
        googleToken: 'not-needed',
        link: 'false',
        invitations: 0,
        devices: 0,
      },
    ]);

    const early = await eraseMember('m1', 'jo', rule, depsAt('2030-01-01T00:00:00.000Z', eraser, records));
    expect(early).toMatchObject({ alreadyErased: true, retainedUntil: '2034-12-01T00:00:00.000Z' });
    expect(state.deletedRecord).toBe(false);

    const late = await eraseMember('m1', 'jo', rule, depsAt('2034-12-01T00:00:00.000Z', eraser, records));
    expect(late.retainedUntil).toBeUndefined();
    expect(late.removed.readings).toBe(3);
    expect(records).toHaveLength(2);
  });

  it('refuses an id that never was a member, and records no erasure for it', async () => {
    const { eraser, state } = fakeEraser();
    state.profile = false;
    state.readings = 0;
    const records: AuditRecord[] = [];
    await expect(
      eraseMember('m-typo', 'jo', { kind: 'erase' }, depsAt('2026-12-01T00:00:00.000Z', eraser, records)),
    ).rejects.toThrow(new UnknownMemberError('m-typo'));
    expect(records).toEqual([]);
  });

  it('marks the member as leaving before it deletes anything, and a second run says it was already erased', async () => {
    const { eraser, state } = fakeEraser();
    const records: AuditRecord[] = [];
    const deleteDevices = eraser.deleteDevices;
    eraser.deleteDevices = async (memberId) => {
      expect(state.erasureRequestedAt).toBe('2026-12-01T00:00:00.000Z');
      return deleteDevices(memberId);
    };
    await eraseMember('m1', 'jo', { kind: 'erase' }, depsAt('2026-12-01T00:00:00.000Z', eraser, records));
    const again = await eraseMember(
      'm1',
      'jo',
      { kind: 'erase' },
      depsAt('2026-12-02T00:00:00.000Z', eraser, records),
    );
    expect(again.alreadyErased).toBe(true);
    expect(records).toHaveLength(1);
  });

  it('erase deletes the record at once', async () => {
    const { eraser, state } = fakeEraser();
    const records: AuditRecord[] = [];
    const outcome = await eraseMember(
      'm1',
      'jo',
      { kind: 'erase' },
      depsAt('2026-12-01T00:00:00.000Z', eraser, records),
    );
    expect(outcome.removed.readings).toBe(3);
    expect(state.deletedRecord).toBe(true);
    expect(records[0]).toMatchObject({
      action: 'member-erased',
      by: 'jo',
      details: { retention: 'erase', readings: 3 },
    });
  });
});
