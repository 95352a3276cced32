import type { CliContext } from '../cli-context.js';
import { optionalOption } from '../options.js';

export const alertsList = async (options: Record<string, unknown>, context: CliContext) => {
  const memberId = optionalOption(options, 'member');
  return { alerts: await context.alerts.list(memberId === undefined ? {} : { memberId }) };
};
