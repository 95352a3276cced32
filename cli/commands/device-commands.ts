import {
  listDevices,
  MAX_ROTATION_GRACE_HOURS,
  revokeDevice,
  rotateDevice,
} from '../../shared/domain/members/device-credential-changes.js';
import { MAX_DEVICE_TOKEN_DAYS } from '../../shared/domain/members/device-expiry.js';
import { registerDevice } from '../../shared/domain/members/register-device.js';
import type { CliContext } from '../cli-context.js';
import { actorOption, integerOption, requiredOption } from '../options.js';

const expiryDays = (options: Record<string, unknown>) =>
  integerOption(options, 'expires-days', { min: 1, max: MAX_DEVICE_TOKEN_DAYS });

export const deviceRegister = async (options: Record<string, unknown>, context: CliContext) => {
  const expiresInDays = expiryDays(options);
  return registerDevice(requiredOption(options, 'member'), context, {
    by: actorOption(options),
    ...(expiresInDays === undefined ? {} : { expiresInDays }),
  });
};

export const deviceList = async (options: Record<string, unknown>, context: CliContext) => {
  const memberId = requiredOption(options, 'member');
  return { memberId, devices: await listDevices(memberId, context) };
};

export const deviceRevoke = async (options: Record<string, unknown>, context: CliContext) =>
  revokeDevice(requiredOption(options, 'device'), actorOption(options), context);

export const deviceRotate = async (options: Record<string, unknown>, context: CliContext) => {
  const graceHours = integerOption(options, 'grace-hours', { min: 0, max: MAX_ROTATION_GRACE_HOURS });
  const expiresInDays = expiryDays(options);
  return rotateDevice(requiredOption(options, 'device'), actorOption(options), context, {
    ...(graceHours === undefined ? {} : { graceHours }),
    ...(expiresInDays === undefined ? {} : { expiresInDays }),
  });
};
