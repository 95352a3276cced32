import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemberAlreadyExistsError } from '../../shared/adapters/dynamodb-member-directory.js';
import type { Member } from '../../shared/domain/member.js';
import { type MemberDirectory, MemberTeamChangedError } from '../../shared/domain/ports/member-directory.js';

export const memberNamed = (name: string, createdAt: string): Member => ({
  memberId: `m-${randomUUID()}`,
  name,
  timezone: 'Europe/London',
  createdAt,
});

/**
 * The MemberDirectory contract, run against the in-memory fake (test/unit/fakes/port-contracts.test.ts)
 * and DynamoDbMemberDirectory on DynamoDB Local (test/integration/contracts/dynamodb-port-contracts.test.ts).
 */
export const memberDirectoryContract = (name: string, create: () => MemberDirectory) => {
  describe(`MemberDirectory contract: ${name}`, () => {
    it('creates a member once (MemberAlreadyExistsError) and reads it back', async () => {
      const directory = create();
      const sam = memberNamed('Sam Example', '2026-11-01T09:00:00.000Z');
      await directory.createMember(sam);
      await expect(directory.createMember({ ...sam, name: 'Someone Else' })).rejects.toBeInstanceOf(
        MemberAlreadyExistsError,
      );
      expect(await directory.getMember(sam.memberId)).toEqual(sam);
      expect(await directory.getMember(`m-${randomUUID()}`)).toBeUndefined();
    });

    it('lists every member, oldest first', async () => {
      const directory = create();
      const later = memberNamed('Later', '2026-11-02T09:00:00.000Z');
      const earlier = memberNamed('Earlier', '2026-11-01T09:00:00.000Z');
      await directory.createMember(later);
      await directory.createMember(earlier);
      const ours = (await directory.listMembers()).filter((each) =>
        [later.memberId, earlier.memberId].includes(each.memberId),
      );
      expect(ours).toEqual([earlier, later]);
    });

    it('moves a member between teams only from the team last read, and lists the moves oldest first', async () => {
      const directory = create();
      const sam = { ...memberNamed('Sam Example', '2026-11-01T09:00:00.000Z'), teamId: 'team-north' };
      await directory.createMember(sam);
      const first = {
        memberId: sam.memberId,
        fromTeamId: 'team-north',
        toTeamId: 'team-south',
        movedBy: 'ana@example.org',
        movedAt: '2026-11-02T09:00:00.000Z',
      };
      await directory.moveMemberToTeam(first);
      await expect(
        directory.moveMemberToTeam({ ...first, toTeamId: 'team-east', movedAt: '2026-11-03T09:00:00.000Z' }),
      ).rejects.toBeInstanceOf(MemberTeamChangedError);
      const second = {
        ...first,
        fromTeamId: 'team-south',
        toTeamId: 'team-east',
        movedAt: '2026-11-04T09:00:00.000Z',
      };
      await directory.moveMemberToTeam(second);
      expect((await directory.getMember(sam.memberId))?.teamId).toBe('team-east');
      expect(await directory.listTeamMoves(sam.memberId)).toEqual([first, second]);
    });

    it('refuses to move a member who does not exist', async () => {
      const directory = create();
      await expect(
        directory.moveMemberToTeam({
          memberId: `m-${randomUUID()}`,
          toTeamId: 'team-north',
          movedBy: 'ana@example.org',
          movedAt: '2026-11-02T09:00:00.000Z',
        }),
      ).rejects.toBeInstanceOf(MemberTeamChangedError);
    });
  });
};
