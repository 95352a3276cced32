import { userInfo } from 'node:os';
import { enrolMember } from '../../shared/domain/members/enrol-member.js';
import { moveMember } from '../../shared/domain/members/move-member.js';
import { registerDevice } from '../../shared/domain/members/register-device.js';
import type { CliContext } from '../cli-context.js';
import { optionalOption, requiredOption } from '../options.js';

export const memberCreate = async (options: Record<string, unknown>, context: CliContext) => {
  const team = optionalOption(options, 'team');
  const member = await enrolMember(
    {
      name: requiredOption(options, 'name'),
      timezone: requiredOption(options, 'timezone'),
      ...(team === undefined ? {} : { teamId: team }),
    },
    context,
  );
  return { memberId: member.memberId, name: member.name, timezone: member.timezone, teamId: member.teamId };
};

/** The person who runs the CLI, unless `--by` names them (the audit record says who moved the member). */
const operatorName = (options: Record<string, unknown>): string =>
  optionalOption(options, 'by') ?? userInfo().username;

export const memberMove = async (options: Record<string, unknown>, context: CliContext) =>
  moveMember(
    {
      memberId: requiredOption(options, 'member'),
      teamId: requiredOption(options, 'team'),
      movedBy: operatorName(options),
    },
    context,
  );

export const memberList = async (_options: Record<string, unknown>, context: CliContext) => ({
  members: await context.directory.listMembers(),
});

export const deviceRegister = async (options: Record<string, unknown>, context: CliContext) =>
  registerDevice(requiredOption(options, 'member'), context);
