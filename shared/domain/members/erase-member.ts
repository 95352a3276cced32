import type { Clock } from '../clock.js';
import type { InvitationStore } from '../link/invitation-store.js';
import type { UnlinkOutcome } from '../link/unlink.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { ErasedRecord, MemberRecordEraser } from '../ports/member-record-eraser.js';
import { UnknownMemberError } from './register-device.js';
import type { RetentionRule } from './retention-rule.js';

export interface ErasureOutcome {
  memberId: string;
  retention: RetentionRule['kind'];
  /** keep-clinical-record only: the record is kept until then; erase again after it. */
  retainedUntil?: string;
  /** true when an earlier run had already removed everything this one would. */
  alreadyErased: boolean;
  removed: {
    googleToken: UnlinkOutcome['revocation'];
    link: boolean;
    invitations: number;
    devices: number;
  } & Partial<ErasedRecord>;
}

export interface EraseMemberDeps {
  eraser: MemberRecordEraser;
  invitations: InvitationStore;
  audit: AuditLog;
  clock: Clock;
  /** Revokes the Google token and removes the link and account mapping (unlink.ts with its adapters). */
  unlink: (memberId: string) => Promise<UnlinkOutcome>;
}

const addYears = (date: Date, years: number): string => {
  const later = new Date(date);
  later.setUTCFullYear(later.getUTCFullYear() + years);
  return later.toISOString();
};

const removedSomething = (removed: ErasureOutcome['removed']): boolean =>
  removed.googleToken === 'revoked' ||
  removed.link ||
  removed.invitations + removed.devices > 0 ||
  (removed.readings ?? 0) + (removed.dayBuckets ?? 0) + (removed.alerts ?? 0) > 0 ||
  Object.values(removed.memberItems ?? {}).some((count) => count > 0);

/** Counts for the audit record: numbers and words only, never a value from the record. */
const auditDetails = (outcome: ErasureOutcome): Record<string, string | number> => {
  const { memberItems, ...rest } = outcome.removed;
  const details: Record<string, string | number> = { retention: outcome.retention };
  if (outcome.retainedUntil !== undefined) details.retainedUntil = outcome.retainedUntil;
  for (const [kind, value] of Object.entries(rest)) {
    if (value !== undefined) details[kind] = typeof value === 'boolean' ? String(value) : value;
  }
  for (const [kind, count] of Object.entries(memberItems ?? {})) details[`member-${kind}`] = count;
  return details;
};

/**
 * Erases a member who leaves (`pulse-relay member erase --member ID --confirm`).
 * 0. Mark the profile as leaving: from here on, readings still in flight (an upload past the authoriser,
 *    a stream record, a redelivered batch) raise, resolve and send nothing, so nothing is recreated after
 *    the erasure (shared/domain/members/member-left.ts).
 * 1. Delete the device credentials, so nothing new arrives.
 * 2. Unlink: revoke the Google token, remove the link tokens and the account mapping, stop syncing.
 * 3. Delete every invitation of the member.
 * 4. By the retention rule: delete readings, day buckets, alerts, thresholds, the link and the profile;
 *    or keep that clinical record until the records-policy date (erasing it if that date has passed).
 * 5. Write one audit record with counts only. Idempotent: a second run removes nothing, writes nothing
 *    and says so. An id that never was a member (no profile, nothing to remove, never erased) is an
 *    UnknownMemberError, with no audit record: a mistyped id must not record an erasure.
 */
export const eraseMember = async (
  memberId: string,
  by: string,
  rule: RetentionRule,
  deps: EraseMemberDeps,
): Promise<ErasureOutcome> => {
  const now = deps.clock.now();
  const hadProfile = await deps.eraser.beginErasure(memberId, now.toISOString());
  const devices = await deps.eraser.deleteDevices(memberId);
  const unlinked = await deps.unlink(memberId);
  const invitations = await deps.invitations.listInvitations(memberId);
  for (const invitation of invitations) await deps.invitations.deleteInvitation(invitation.invitationId);

  let retainedUntil: string | undefined;
  let record: ErasedRecord | undefined;
  if (rule.kind === 'keep-clinical-record') {
    retainedUntil = await deps.eraser.retainRecord(memberId, addYears(now, rule.years), now.toISOString());
    if (retainedUntil !== undefined && Date.parse(retainedUntil) <= now.getTime()) retainedUntil = undefined;
  }
  if (retainedUntil === undefined) record = await deps.eraser.deleteRecord(memberId);

  const outcome: ErasureOutcome = {
    memberId,
    retention: rule.kind,
    ...(retainedUntil === undefined ? {} : { retainedUntil }),
    alreadyErased: false,
    removed: {
      googleToken: unlinked.revocation,
      link: unlinked.unlinked,
      invitations: invitations.length,
      devices,
      ...record,
    },
  };
  const earlier = (await deps.audit.list(memberId)).some((entry) => entry.action === 'member-erased');
  if (!removedSomething(outcome.removed)) {
    if (earlier) return { ...outcome, alreadyErased: true };
    if (!hadProfile) throw new UnknownMemberError(memberId);
  }
  await deps.audit.record({
    memberId,
    action: 'member-erased',
    at: now.toISOString(),
    by,
    details: auditDetails(outcome),
  });
  return outcome;
};
