import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Member } from '../member.js';
import type { MemberDirectory } from '../ports/member-directory.js';
import { teamIdSchema } from '../teams/team-id.js';
import * as z from '../zod-mini.js';
import { ianaTimeZoneSchema } from './iana-time-zone.js';

export const enrolMemberInputSchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200)),
  timezone: ianaTimeZoneSchema,
  teamId: z.optional(teamIdSchema),
});

/** Short, unambiguous ids that staff can read aloud: a prefix and 12 lower-case base32 characters. */
export const newId = (prefix: string): string => {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  let id = '';
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return `${prefix}-${id}`;
};

/**
 * Enrols a member.
 * 1. Validate name, IANA time zone and care team.
 * 2. Create the member with a fresh id (conditional put: never overwrites).
 */
export const enrolMember = async (
  input: z.input<typeof enrolMemberInputSchema>,
  deps: { directory: MemberDirectory; clock: Clock },
): Promise<Member> => {
  const { name, timezone, teamId } = enrolMemberInputSchema.parse(input);
  const member: Member = {
    memberId: newId('m'),
    name,
    timezone,
    createdAt: deps.clock.now().toISOString(),
    ...(teamId === undefined ? {} : { teamId }),
  };
  await deps.directory.createMember(member);
  return member;
};
