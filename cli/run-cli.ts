import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { type CliContext, createCliContext } from './cli-context.js';
import { CliError } from './cli-error.js';
import { alertsAck, alertsList, alertsSnooze } from './commands/alerts-commands.js';
import { linkInvite, linkRemove, linkStatusCommand } from './commands/link-commands.js';
import { deviceRegister, memberCreate, memberList, memberMove } from './commands/member-commands.js';
import { readingsList } from './commands/readings-commands.js';
import { auditList, staffAdd, staffList, staffRemove } from './commands/staff-commands.js';
import { THRESHOLD_FLAGS, thresholdsGet, thresholdsSet } from './commands/thresholds-commands.js';
import { loadStackEnvironment } from './stack-environment.js';

type Command = (options: Record<string, unknown>, context: CliContext) => Promise<unknown>;

const COMMANDS: Record<string, Command> = {
  'member create': memberCreate,
  'member list': memberList,
  'member move': memberMove,
  'device register': deviceRegister,
  'readings list': readingsList,
  'alerts list': alertsList,
  'alerts ack': alertsAck,
  'alerts snooze': alertsSnooze,
  'thresholds set': thresholdsSet,
  'thresholds get': thresholdsGet,
  'link invite': linkInvite,
  'link status': linkStatusCommand,
  'link remove': linkRemove,
  'staff add': staffAdd,
  'staff remove': staffRemove,
  'staff list': staffList,
  'audit list': auditList,
};

const USAGE = `Usage: pulse-relay <command> [options]   (every command prints JSON)
  member create --name N --timezone <IANA zone> [--team ID]
  member move --member ID --team ID [--by NAME]   (recorded: who, when, from which team)
  member list
  device register --member ID
  readings list --member ID [--metric M] [--from ISO] [--to ISO]
  alerts list [--member ID]
  alerts ack --alert <alertKey> --by "<name>" [--note "<text>"]
  alerts snooze --alert <alertKey> --until <RFC 3339> --by "<name>" --reason "<text>"
  thresholds get --member ID
  thresholds set --member ID ${Object.keys(THRESHOLD_FLAGS)
    .map((flag) => `[--${flag} V]`)
    .join(' ')}
  link invite --member ID [--ttl-hours H]
  link status --member ID
  link remove --member ID
  staff add --email E [--name N] --team T      staff remove --email E --team T
  staff list
  audit list --member ID
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
      by: stringOption,
      member: stringOption,
      metric: stringOption,
      from: stringOption,
      to: stringOption,
      'ttl-hours': stringOption,
      email: stringOption,
      alert: stringOption,
      note: stringOption,
      until: stringOption,
      reason: stringOption,
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(Object.keys(THRESHOLD_FLAGS).map((flag) => [flag, stringOption])),
    },
  });

export const runCli = async (argv: string[]): Promise<number> => {
  try {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(argv);
    } catch (error) {
      throw new CliError(error instanceof Error ? error.message : String(error), 2);
    }
    const name = parsed.positionals.slice(0, 2).join(' ');
    const command = COMMANDS[name];
    if (parsed.values.help === true || command === undefined) {
      process.stderr.write(`${USAGE}\n`);
      return parsed.values.help === true ? 0 : 2;
    }
    loadStackEnvironment();
    const result = await command(parsed.values, createCliContext());
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    const message =
      error instanceof ZodError
        ? error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ')
        : error instanceof Error
          ? error.message
          : String(error);
    process.stderr.write(`${JSON.stringify({ error: message })}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
};
