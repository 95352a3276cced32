import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../../shared/domain/audit-record.js';
import type { TeamMember } from '../../../../shared/domain/ports/care-team-roster.js';
import {
  authoriseMemberAccess,
  MemberAccessDeniedError,
} from '../../../../shared/domain/staff/member-access.js';

const members: TeamMember[] = [
  {
    memberId: 'm-a',
    name: 'Ada',
    timezone: 'Europe/London',
    createdAt: '2026-11-01T00:00:00Z',
    teamId: 'north',
  },
  {
    memberId: 'm-b',
    name: 'Bo',
    timezone: 'Europe/London',
    createdAt: '2026-11-01T00:00:00Z',
    teamId: 'south',
  },
];
const setup = () => {
  const entries: AuditRecord[] = [];
  return {
    entries,
    deps: {
      roster: {
        teamMember: async (id: string) => members.find((member) => member.memberId === id),
        membersOf: async (teams: readonly string[]) => members.filter((m) => teams.includes(m.teamId)),
      },
      audit: {
        record: async (entry: AuditRecord) => void entries.push(entry),
        list: async () => entries,
      },
      now: () => new Date('2026-12-01T09:00:00Z'),
      requestId: 'req-1',
    },
  };
};
const northStaff = { email: 'ana@example.org', name: 'Ana', teams: ['north'] };

describe('authoriseMemberAccess', () => {
  it('lets a staff user see a member of their own team', async () => {
    const { deps, entries } = setup();
    await expect(authoriseMemberAccess(northStaff, 'm-a', deps)).resolves.toMatchObject({ memberId: 'm-a' });
    expect(entries).toEqual([]);
  });

  it('refuses another team’s member and audits the refusal', async () => {
    const { deps, entries } = setup();
    await expect(authoriseMemberAccess(northStaff, 'm-b', deps)).rejects.toBeInstanceOf(
      MemberAccessDeniedError,
    );
    expect(entries).toEqual([
      {
        memberId: 'm-b',
        action: 'member-access-refused',
        at: '2026-12-01T09:00:00.000Z',
        by: 'ana@example.org',
        requestId: 'req-1',
      },
    ]);
  });

  it('refuses an unknown member with the same error, so existence does not leak', async () => {
    const { deps } = setup();
    const unknown = await authoriseMemberAccess(northStaff, 'm-zzz', deps).catch((error: unknown) => error);
    const otherTeam = await authoriseMemberAccess(northStaff, 'm-b', deps).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(MemberAccessDeniedError);
    expect((unknown as Error).message).toBe((otherTeam as Error).message);
  });

  it('lets a staff user in two teams see both', async () => {
    const { deps } = setup();
    const both = { ...northStaff, teams: ['north', 'south'] };
    await expect(authoriseMemberAccess(both, 'm-b', deps)).resolves.toMatchObject({ teamId: 'south' });
  });
});
