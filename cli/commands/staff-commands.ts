import { DynamoDbAuditLog } from '../../shared/adapters/dynamodb-audit-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbStaffDirectory } from '../../shared/adapters/dynamodb-staff-directory.js';
import { staffEmailSchema, teamIdSchema } from '../../shared/domain/staff/staff-member.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import { CliError } from '../cli-error.js';
import { optionalOption, requiredOption } from '../options.js';

const staffDirectory = () =>
  new DynamoDbStaffDirectory(createDocumentClient(), requireEnv(ENV.directoryTable));

/** `staff add --email E --name N --team T`: creates the person if new, then adds the team. */
export const staffAdd = async (options: Record<string, unknown>) => {
  const email = staffEmailSchema.parse(requiredOption(options, 'email'));
  const teamId = teamIdSchema.parse(requiredOption(options, 'team'));
  const name = optionalOption(options, 'name');
  const directory = staffDirectory();
  if (name === undefined && (await directory.getStaff(email)) === undefined) {
    throw new CliError('--name is required when adding a new staff user', 2);
  }
  return directory.addToTeam({ email, name: name ?? email, teamId });
};

/** `staff remove --email E --team T`: the person stops seeing that team's members at their next request. */
export const staffRemove = async (options: Record<string, unknown>) => {
  const email = staffEmailSchema.parse(requiredOption(options, 'email'));
  const teamId = teamIdSchema.parse(requiredOption(options, 'team'));
  const staff = await staffDirectory().removeFromTeam({ email, teamId });
  if (staff === undefined) throw new CliError(`No staff user ${email}`, 1);
  return staff;
};

export const staffList = async () => staffDirectory().listStaff();

/** `audit list --member ID`: who viewed, changed or acted on the member's data, oldest first. */
export const auditList = async (options: Record<string, unknown>) => ({
  records: await new DynamoDbAuditLog(createDocumentClient(), requireEnv(ENV.directoryTable)).list(
    requiredOption(options, 'member'),
  ),
});
