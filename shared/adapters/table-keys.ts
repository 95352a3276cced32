/**
 * Key layout of the three tables. Kept in one file so the adapters, the stream filter in infra
 * and the tests agree.
 *
 * readings:  pk = MEMBER#<memberId>#<metric>
 *            sk = <measuredAt UTC ISO>#<source key>   sparse readings (one item each, put-if-absent)
 *            sk = HOUR#<hour start UTC ISO>[#<part>]     dense samples, one UTC hour per item (replaced whole)
 *            sk = DAY#<local date>                     steps days and daily summaries (replaced whole)
 *            sk = CLOCK#<source>#<device time>#<values> re-upload guard of a clock-suspect reading (no metric)
 * directory: pk/sk single table, see the builders below; GSI gsi1 lists members, a member's devices and
 *            invitations, and links by state. Everything about one member is in the MEMBER#<memberId>
 *            partition except devices (DEVICE#), invitations (INVITE#), the Google account mapping
 *            (HEALTHUSER#) and audit records (AUDIT#), which are keyed for their own lookups. A care
 *            team's delivery channels are TEAM#<teamId>/CHANNELS; delivery records DELIVERY#<memberId>
 *            (with a ttl), so the delivery function can be granted exactly those partitions.
 * alerts:    pk = MEMBER#<memberId>, sk = ALERT#<alertKey>; GSI gsi1 (gsi1pk = ALERTS, gsi1sk = raisedAt).
 *            pk = MEMBER#<memberId>, sk = OPEN#<slot>: the open-slot marker; gsi1 (gsi1pk = OPEN-ALERTS).
 */
export const readingPartitionKey = (memberId: string, metric: string): string =>
  `MEMBER#${memberId}#${metric}`;
export const sparseReadingSortKey = (measuredAtUtc: string, sourceKey: string): string =>
  `${measuredAtUtc}#${sourceKey}`;
export const daySortKey = (localDate: string): string => `DAY#${localDate}`;
/** Re-upload guard of a clock-suspect blood-pressure reading (see DynamoDbReadingStore.putClockSuspect). */
export const clockGuardSortKey = (sourceKey: string, reuploadKey: string): string =>
  `CLOCK#${sourceKey}#${reuploadKey}`;
/** Part 0 has no suffix; the rare further parts of a very dense hour sort right after it. */
export const hourSortKey = (hourStartUtc: string, part: number): string =>
  part === 0 ? `HOUR#${hourStartUtc}` : `HOUR#${hourStartUtc}#${part}`;

export const memberKey = (memberId: string) => ({ pk: `MEMBER#${memberId}`, sk: 'PROFILE' });
export const thresholdsKey = (memberId: string) => ({ pk: `MEMBER#${memberId}`, sk: 'THRESHOLDS' });
export const THRESHOLD_HISTORY_PREFIX = 'THRESHOLDS#HISTORY#';
export const thresholdHistoryKey = (memberId: string, setAt: string) => ({
  pk: `MEMBER#${memberId}`,
  sk: `${THRESHOLD_HISTORY_PREFIX}${setAt}`,
});
/** Audit record of one care-team move; sorted by time under the member. */
export const teamMoveKey = (memberId: string, movedAt: string) => ({
  pk: `MEMBER#${memberId}`,
  sk: `TEAMMOVE#${movedAt}`,
});
export const TEAM_MOVE_PREFIX = 'TEAMMOVE#';
export const deviceKey = (deviceId: string) => ({ pk: `DEVICE#${deviceId}`, sk: 'DEVICE' });
/** gsi1 partition listing one member's devices (and erasing them). */
export const memberDevicesPartition = (memberId: string): string => `DEVICES#${memberId}`;
/** gsi1 partition listing one member's invitations (cancelled on unlink and erasure). */
export const memberInvitationsPartition = (memberId: string): string => `INVITES#${memberId}`;
/** Audit records live outside the member's partition, so erasing the member leaves them (docs/data-protection.md). */
export const auditKey = (
  memberId: string,
  at: string,
  action: string,
  subjectId = '',
  requestId?: string,
) => ({
  pk: `AUDIT#${memberId}`,
  // The request id keeps two staff actions in the same millisecond apart.
  sk: requestId === undefined ? `${at}#${action}#${subjectId}` : `${at}#${action}#${subjectId}#${requestId}`,
});
export const auditPartition = (memberId: string): string => `AUDIT#${memberId}`;
export const linkKey = (memberId: string) => ({ pk: `MEMBER#${memberId}`, sk: 'LINK#google-health' });
export const invitationKey = (invitationId: string) => ({ pk: `INVITE#${invitationId}`, sk: 'INVITE' });
export const healthUserKey = (healthUserId: string) => ({
  pk: `HEALTHUSER#${healthUserId}`,
  sk: 'HEALTHUSER',
});
export const MEMBERS_INDEX = { name: 'gsi1', partitionValue: 'MEMBERS' } as const;

export const alertKeyOf = (memberId: string, alertKey: string) => ({
  pk: `MEMBER#${memberId}`,
  sk: `ALERT#${alertKey}`,
});
export const ALERTS_INDEX = { name: 'gsi1', partitionValue: 'ALERTS' } as const;
/** Sort-key prefix of an open slot in the member's alerts partition. */
export const OPEN_SLOT_PREFIX = 'OPEN#';
export const openSlotKeyOf = (memberId: string, slot: string) => ({
  pk: `MEMBER#${memberId}`,
  sk: `${OPEN_SLOT_PREFIX}${slot}`,
});
export const OPEN_ALERTS_INDEX = { name: 'gsi1', partitionValue: 'OPEN-ALERTS' } as const;

/** Staff users (directory table): one item per person, teams as a string set; listed through gsi1. */
export const staffKey = (email: string) => ({ pk: `STAFF#${email}`, sk: 'PROFILE' });
export const STAFF_INDEX = { name: 'gsi1', partitionValue: 'STAFF' } as const;

/** Where a care team receives alerts (no secret in it: only the webhook secret's reference). */
export const teamChannelsKey = (teamId: string) => ({ pk: `TEAM#${teamId}`, sk: 'CHANNELS' });
/** Local runs only: a team's webhook secret sealed under LOCAL_TOKEN_KEY (AWS keeps it in Secrets Manager). */
export const teamWebhookSecretKey = (teamId: string) => ({ pk: `TEAM#${teamId}`, sk: 'WEBHOOKSECRET' });
/** One notification settled for one target: the delivery function's idempotency record. */
export const deliveryPartition = (memberId: string): string => `DELIVERY#${memberId}`;
export const deliveryKey = (memberId: string, notificationId: string, target: string) => ({
  pk: deliveryPartition(memberId),
  sk: `${notificationId}#${target}`,
});
