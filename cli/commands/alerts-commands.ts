import { acknowledgeAlert, MissingAcknowledgerError } from '../../shared/domain/alerts/acknowledge-alert.js';
import { AlertAlreadyResolvedError } from '../../shared/domain/alerts/alert-lookup.js';
import { UnknownAlertError } from '../../shared/domain/alerts/alert-outbox.js';
import {
  InvalidSnoozeUntilError,
  MissingSnoozeDetailsError,
  snoozeAlert,
} from '../../shared/domain/alerts/snooze-alert.js';
import type { CliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { optionalOption, requiredOption } from '../options.js';

export const alertsList = async (options: Record<string, unknown>, context: CliContext) => {
  const memberId = optionalOption(options, 'member');
  return { alerts: await context.alerts.list(memberId === undefined ? {} : { memberId }) };
};

/** Domain refusals become CLI errors with their own actionable message: usage problems exit 2. */
const asCliError = (error: unknown): unknown => {
  if (error instanceof InvalidSnoozeUntilError || error instanceof MissingSnoozeDetailsError)
    return new CliError(error.message, 2);
  if (error instanceof MissingAcknowledgerError) return new CliError(error.message, 2);
  if (error instanceof UnknownAlertError || error instanceof AlertAlreadyResolvedError)
    return new CliError(error.message, 1);
  return error;
};

/** `alerts ack --alert <alertKey> --by "<name>" [--note "<text>"]` */
export const alertsAck = async (options: Record<string, unknown>, context: CliContext) => {
  const note = optionalOption(options, 'note');
  try {
    const alert = await acknowledgeAlert(context, {
      alertKey: requiredOption(options, 'alert'),
      by: requiredOption(options, 'by'),
      ...(note === undefined ? {} : { note }),
    });
    return { alertKey: alert.alertKey, status: alert.status, acknowledgement: alert.acknowledgement };
  } catch (error) {
    throw asCliError(error);
  }
};

/** `alerts snooze --alert <alertKey> --until <RFC 3339> --by "<name>" --reason "<text>"` */
export const alertsSnooze = async (options: Record<string, unknown>, context: CliContext) => {
  try {
    const alert = await snoozeAlert(context, {
      alertKey: requiredOption(options, 'alert'),
      until: requiredOption(options, 'until'),
      by: requiredOption(options, 'by'),
      reason: requiredOption(options, 'reason'),
    });
    return { alertKey: alert.alertKey, status: alert.status, snooze: alert.snooze };
  } catch (error) {
    throw asCliError(error);
  }
};
