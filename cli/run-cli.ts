import { parseArgs } from 'node:util';
import { $ZodError } from 'zod/v4/core';
import { describeZodIssues } from '../shared/domain/zod-issues.js';
import { type CliContext, createCliContext } from './cli-context.js';
import { CliError } from './cli-error.js';
import { alertsAck, alertsList, alertsReevaluate, alertsSnooze } from './commands/alerts-commands.js';
import { deviceList, deviceRegister, deviceRevoke, deviceRotate } from './commands/device-commands.js';
import { linkCancel, linkInvite, linkRemove, linkStatusCommand } from './commands/link-commands.js';
import { memberCreate, memberErase, memberList, memberMove } from './commands/member-commands.js';
import { readingsList } from './commands/readings-commands.js';
import { auditList, staffAdd, staffList, staffRemove } from './commands/staff-commands.js';
import { teamChannelsGet, teamChannelsSet } from './commands/team-commands.js';
import {
  THRESHOLD_FLAGS,
  thresholdsGet,
  thresholdsHistory,
  thresholdsSet,
} from './commands/thresholds-commands.js';
import { loadStackEnvironment } from './stack-environment.js';

type Command = (options: Record<string, unknown>, context: CliContext) => Promise<unknown>;

const COMMANDS: Record<string, Command> = {
  'member create': memberCreate,
  'member list': memberList,
  'member erase': memberErase,
  'member move': memberMove,
  'device register': deviceRegister,
  'device list': deviceList,
  'device revoke': deviceRevoke,
  'device rotate': deviceRotate,
  'readings list': readingsList,
  'alerts list': alertsList,
  'alerts ack': alertsAck,
  'alerts snooze': alertsSnooze,
  'alerts reevaluate': alertsReevaluate,
  'thresholds set': thresholdsSet,
  'thresholds get': thresholdsGet,
  'thresholds history': thresholdsHistory,
  'link invite': linkInvite,
  'link status': linkStatusCommand,
  'link remove': linkRemove,
  'link cancel': linkCancel,
  'staff add': staffAdd,
  'staff remove': staffRemove,
  'staff list': staffList,
  'audit list': auditList,
  'team channels set': teamChannelsSet,
  'team channels get': teamChannelsGet,
};

const USAGE = `Usage: pulse-relay <command> [options]   (every command prints JSON)
  member create --name N --timezone <IANA zone> [--team ID]
  member move --member ID --team ID [--by NAME]   (recorded: who, when, from which team)
  member list
  member erase --member ID --confirm [--retention erase|keep-clinical-record] [--by NAME]
  device register --member ID [--expires-days D] [--by NAME]
  device list --member ID
  device revoke --device ID [--by NAME]
  device rotate --device ID [--grace-hours H] [--expires-days D] [--by NAME]
  readings list --member ID [--metric M] [--from ISO] [--to ISO]
  alerts list [--member ID]
  alerts ack --alert <alertKey> --by "<name>" [--note "<text>"]
  alerts snooze --alert <alertKey> --until <RFC 3339> --by "<name>" --reason "<text>"
  alerts reevaluate --member ID --from <date> --to <date>   (re-runs the rules; sends nothing twice)
  thresholds get --member ID
  thresholds history --member ID
  thresholds set --member ID --by NAME --reason TEXT [--review-by YYYY-MM-DD] [--allow-disable] ${Object.keys(
    THRESHOLD_FLAGS,
  )
    .map((flag) => `[--${flag} V]`)
    .join(' ')}
  link invite --member ID [--ttl-hours H]
  link status --member ID
  link remove --member ID
  link cancel --invitation ID [--by NAME]
--by names who made a change for the audit record (default: the OS user).
  staff add --email E [--name N] --team T      staff remove --email E --team T
  staff list
  audit list --member ID
  team channels set --team ID [--email a@b[,c@d]] [--webhook https://…] [--webhook-secret whsec_…]
                    [--full-content true|false] [--by NAME]   (replaces the team's channels)
  team channels get --team ID
Talks to the running local stack (npm start) unless READINGS_TABLE etc. point at a deployed one.`;

const stringOption = { type: 'string' } as const;

const parse = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: stringOption,
      timezone: stringOption,
      team: stringOption,
      member: stringOption,
      metric: stringOption,
      from: stringOption,
      to: stringOption,
      'ttl-hours': stringOption,
      device: stringOption,
      invitation: stringOption,
      by: stringOption,
      retention: stringOption,
      confirm: { type: 'boolean' },
      'grace-hours': stringOption,
      'expires-days': stringOption,
      reason: stringOption,
      'review-by': stringOption,
      'allow-disable': { type: 'boolean' },
      alert: stringOption,
      note: stringOption,
      until: stringOption,
      email: stringOption,
      webhook: stringOption,
      'webhook-secret': stringOption,
      'full-content': stringOption,
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(Object.keys(THRESHOLD_FLAGS).map((flag) => [flag, stringOption])),
    },
  });

/**
 * The message an operator sees. A refused connection to the local stack means `npm start` is no longer
 * running (stopped, or killed before it could remove its file): say that, not just ECONNREFUSED.
 */
export const cliErrorMessage = (error: unknown, stack: 'deployed' | 'local' | undefined): string => {
  if (error instanceof $ZodError) return describeZodIssues(error).join('; ');
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  if (stack === 'local' && (code === 'ECONNREFUSED' || message.includes('ECONNREFUSED'))) {
    return `The local stack is not running (${message}): start it with \`npm start\` in the repository, or point the CLI at a deployed stack (docs/deploy.md).`;
  }
  return message;
};

export const runCli = async (argv: string[]): Promise<number> => {
  let stack: 'deployed' | 'local' | undefined;
  try {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(argv);
    } catch (error) {
      throw new CliError(error instanceof Error ? error.message : String(error), 2);
    }
    // Most commands are two words; `team channels set` is three.
    const command =
      COMMANDS[parsed.positionals.slice(0, 3).join(' ')] ??
      COMMANDS[parsed.positionals.slice(0, 2).join(' ')];
    if (parsed.values.help === true || command === undefined) {
      process.stderr.write(`${USAGE}\n`);
      return parsed.values.help === true ? 0 : 2;
    }
    stack = loadStackEnvironment();
    const result = await command(parsed.values, createCliContext());
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${JSON.stringify({ error: cliErrorMessage(error, stack) })}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
};
