import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemberAlreadyExistsError } from '../../shared/adapters/dynamodb-member-directory.js';
import type { Member } from '../../shared/domain/member.js';
import type { MemberDirectory } from '../../shared/domain/ports/member-directory.js';

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
  });
};
