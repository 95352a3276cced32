import { enrolMember } from '../../shared/domain/members/enrol-member.js';
import type { CliContext } from '../cli-context.js';
import { requiredOption } from '../options.js';

export const memberCreate = async (options: Record<string, unknown>, context: CliContext) => {
  const member = await enrolMember(
    { name: requiredOption(options, 'name'), timezone: requiredOption(options, 'timezone') },
    context,
  );
  return { memberId: member.memberId, name: member.name, timezone: member.timezone };
};

export const memberList = async (_options: Record<string, unknown>, context: CliContext) => ({
  members: await context.directory.listMembers(),
});
