import type { Clock } from '../clock.js';
import { issueDeviceToken } from '../device-token.js';
import type { MemberDirectory } from '../ports/member-directory.js';
import { newId } from './enrol-member.js';

export class UnknownMemberError extends Error {
  constructor(readonly memberId: string) {
    super(`No member with id ${memberId}`);
    this.name = 'UnknownMemberError';
  }
}

/**
 * Registers a blood-pressure device for a member.
 * 1. Check the member exists.
 * 2. Issue a token; keep only its hash.
 * 3. Return the token once: it cannot be shown again.
 */
export const registerDevice = async (
  memberId: string,
  deps: { directory: MemberDirectory; clock: Clock },
): Promise<{ deviceId: string; token: string }> => {
  if ((await deps.directory.getMember(memberId)) === undefined) throw new UnknownMemberError(memberId);
  const deviceId = newId('d');
  const { token, tokenHash } = issueDeviceToken(deviceId);
  await deps.directory.registerDevice({
    deviceId,
    memberId,
    tokenHash,
    createdAt: deps.clock.now().toISOString(),
  });
  return { deviceId, token };
};
