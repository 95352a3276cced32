import { parseDeviceToken, tokenMatches } from './device-token.js';
import type { MemberDirectory } from './ports/member-directory.js';

export interface DeviceIdentity {
  memberId: string;
  deviceId: string;
}

const BEARER = /^Bearer +(\S+)$/i;

/**
 * Decides whether an Authorization header carries a valid device credential.
 * 1. Accept only `Bearer <deviceId>.<secret>`.
 * 2. Look the device up by the id in the token.
 * 3. Compare sha256(secret) with the stored hash in constant time.
 * 4. Return the member and device the credential is bound to; undefined for every kind of failure alike,
 *    so callers cannot tell an unknown device from a wrong secret.
 */
export const authoriseDevice = async (
  authorization: string | undefined,
  directory: Pick<MemberDirectory, 'getDevice'>,
): Promise<DeviceIdentity | undefined> => {
  const token = authorization === undefined ? undefined : BEARER.exec(authorization.trim())?.[1];
  const parsed = token === undefined ? undefined : parseDeviceToken(token);
  if (parsed === undefined) return undefined;
  const device = await directory.getDevice(parsed.deviceId);
  if (device === undefined || !tokenMatches(parsed.secret, device.tokenHash)) return undefined;
  return { memberId: device.memberId, deviceId: device.deviceId };
};
