import type { Clock } from '../clock.js';
import { issueDeviceToken } from '../device-token.js';
import type { DeviceRegistry } from '../ports/device-registry.js';
import type { MemberDirectory } from '../ports/member-directory.js';
import { expiryAfter } from './device-expiry.js';
import { newId } from './enrol-member.js';
import { MemberLeftError } from './member-left.js';
import { UnknownMemberError } from './unknown-member-error.js';

// Re-exported where it was first defined, for the modules that import it from here.
export { UnknownMemberError };

/**
 * Registers a blood-pressure device for a member.
 * 1. Check the member exists and has not left (member erase, clinical record kept).
 * 2. Issue a token; keep only its hash, with an optional expiry.
 * 3. Store it with an audit record naming who registered it.
 * 4. Return the token once: it cannot be shown again.
 */
export const registerDevice = async (
  memberId: string,
  deps: { directory: MemberDirectory; devices: DeviceRegistry; clock: Clock },
  options: { by?: string; expiresInDays?: number } = {},
): Promise<{ deviceId: string; token: string; expiresAt?: string }> => {
  const member = await deps.directory.getMember(memberId);
  if (member === undefined) throw new UnknownMemberError(memberId);
  if (member.erasureRequestedAt !== undefined) throw new MemberLeftError(memberId, member.erasureRequestedAt);
  const now = deps.clock.now();
  const deviceId = newId('d');
  const { token, tokenHash } = issueDeviceToken(deviceId);
  const expiresAt = expiryAfter(now, options.expiresInDays);
  const createdAt = now.toISOString();
  await deps.devices.registerDevice(
    { deviceId, memberId, tokenHash, createdAt, ...(expiresAt === undefined ? {} : { expiresAt }) },
    {
      memberId,
      action: 'device-registered',
      at: createdAt,
      by: options.by ?? 'unknown',
      subjectId: deviceId,
      ...(expiresAt === undefined ? {} : { details: { expiresAt } }),
    },
  );
  return { deviceId, token, ...(expiresAt === undefined ? {} : { expiresAt }) };
};
