import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../shared/domain/clock.js';
import { enrolMember } from '../../../../shared/domain/members/enrol-member.js';
import { MemberAlreadyInTeamError, moveMember } from '../../../../shared/domain/members/move-member.js';
import { UnknownMemberError } from '../../../../shared/domain/members/register-device.js';
import { MemberTeamChangedError } from '../../../../shared/domain/ports/member-directory.js';
import { InMemoryMemberDirectory } from '../../../fakes/member-directory.js';

const clockAt = (iso: string): Clock => ({ now: () => new Date(iso) });

const setUp = async (teamId?: string) => {
  const directory = new InMemoryMemberDirectory();
  const deps = { directory, clock: clockAt('2026-12-01T09:00:00.000Z') };
  const member = await enrolMember(
    { name: 'Sam Example', timezone: 'Europe/London', ...(teamId === undefined ? {} : { teamId }) },
    deps,
  );
  return { directory, deps, member };
};

describe('enrolling a member into a care team', () => {
  it('keeps the team on the member', async () => {
    const { directory, member } = await setUp('team-north');
    expect(member.teamId).toBe('team-north');
    expect((await directory.getMember(member.memberId))?.teamId).toBe('team-north');
  });

  it('refuses a team id that is not a short lower-case id, saying what is allowed', async () => {
    const directory = new InMemoryMemberDirectory();
    await expect(
      enrolMember(
        { name: 'Sam', timezone: 'Europe/London', teamId: 'Team North!' },
        { directory, clock: clockAt('2026-12-01T09:00:00.000Z') },
      ),
    ).rejects.toThrow(/lower-case letters, digits or dashes/);
    expect(directory.members.size).toBe(0);
  });
});

describe('moving a member to another care team', () => {
  it('changes the team and records who moved them, when and from where', async () => {
    const { directory, deps, member } = await setUp('team-north');
    const move = await moveMember(
      { memberId: member.memberId, teamId: 'team-south', movedBy: 'alex.staff' },
      { ...deps, clock: clockAt('2026-12-02T10:30:00.000Z') },
    );
    expect(move).toEqual({
      memberId: member.memberId,
      fromTeamId: 'team-north',
      toTeamId: 'team-south',
      movedBy: 'alex.staff',
      movedAt: '2026-12-02T10:30:00.000Z',
    });
    expect((await directory.getMember(member.memberId))?.teamId).toBe('team-south');
    expect(await directory.listTeamMoves(member.memberId)).toEqual([move]);
  });

  it('assigns a first team to a member enrolled without one', async () => {
    const { directory, deps, member } = await setUp();
    const move = await moveMember({ memberId: member.memberId, teamId: 'team-east', movedBy: 'ops' }, deps);
    expect(move.fromTeamId).toBeUndefined();
    expect((await directory.getMember(member.memberId))?.teamId).toBe('team-east');
  });

  it('refuses a move to the team the member is already in, recording nothing', async () => {
    const { directory, deps, member } = await setUp('team-north');
    await expect(
      moveMember({ memberId: member.memberId, teamId: 'team-north', movedBy: 'ops' }, deps),
    ).rejects.toBeInstanceOf(MemberAlreadyInTeamError);
    expect(directory.moves).toEqual([]);
  });

  it('refuses an unknown member and a move without a name for who made it', async () => {
    const { deps, member } = await setUp('team-north');
    await expect(
      moveMember({ memberId: 'm-missing', teamId: 'team-south', movedBy: 'ops' }, deps),
    ).rejects.toBeInstanceOf(UnknownMemberError);
    await expect(
      moveMember({ memberId: member.memberId, teamId: 'team-south', movedBy: ' ' }, deps),
    ).rejects.toThrow(/who made the change/);
  });

  it('fails rather than overwrite a move made by someone else in the meantime', async () => {
    const { directory, deps, member } = await setUp('team-north');
    const racing = {
      ...directory,
      getMember: directory.getMember.bind(directory),
      moveMemberToTeam: async (move: Parameters<typeof directory.moveMemberToTeam>[0]) => {
        // Another operator's move lands between the read and the write.
        const current = directory.members.get(member.memberId);
        if (current !== undefined)
          directory.members.set(member.memberId, { ...current, teamId: 'team-west' });
        return directory.moveMemberToTeam(move);
      },
    } as InMemoryMemberDirectory;
    await expect(
      moveMember(
        { memberId: member.memberId, teamId: 'team-south', movedBy: 'ops' },
        { ...deps, directory: racing },
      ),
    ).rejects.toBeInstanceOf(MemberTeamChangedError);
    expect((await directory.getMember(member.memberId))?.teamId).toBe('team-west');
  });
});
