/**
 * Key layout of the three tables. Kept in one file so the adapters, the stream filter in infra
 * and the tests agree.
 *
 * readings:  pk = MEMBER#<memberId>#<metric>
 *            sk = <measuredAt UTC ISO>#<source key>   sparse readings (one item each, put-if-absent)
 *            sk = DAY#<local date>                     dense day buckets and daily summaries (replaced whole)
 * directory: pk/sk single table, see the builders below; GSI gsi1 lists members.
 * alerts:    pk = MEMBER#<memberId>, sk = ALERT#<alertKey>; GSI gsi1 (gsi1pk = ALERTS, gsi1sk = raisedAt).
 *            pk = MEMBER#<memberId>, sk = DELIVERY#<notificationId>#<target>: one delivered notification.
 *            pk = MEMBER#<memberId>, sk = OPEN#<slot>: the open-slot marker; gsi1 (gsi1pk = OPEN-ALERTS).
 */
export const readingPartitionKey = (memberId: string, metric: string): string =>
  `MEMBER#${memberId}#${metric}`;
export const sparseReadingSortKey = (measuredAtUtc: string, sourceKey: string): string =>
  `${measuredAtUtc}#${sourceKey}`;
export const daySortKey = (localDate: string): string => `DAY#${localDate}`;

export const memberKey = (memberId: string) => ({ pk: `MEMBER#${memberId}`, sk: 'PROFILE' });
export const thresholdsKey = (memberId: string) => ({ pk: `MEMBER#${memberId}`, sk: 'THRESHOLDS' });
export const activityKey = (memberId: string, kind: string) => ({
  pk: `MEMBER#${memberId}`,
  sk: `ACTIVITY#${kind}`,
});
/** Audit record of one care-team move; sorted by time under the member. */
export const teamMoveKey = (memberId: string, movedAt: string) => ({
  pk: `MEMBER#${memberId}`,
  sk: `TEAMMOVE#${movedAt}`,
});
export const TEAM_MOVE_PREFIX = 'TEAMMOVE#';
export const deviceKey = (deviceId: string) => ({ pk: `DEVICE#${deviceId}`, sk: 'DEVICE' });
export const linkKey = (memberId: string) => ({ pk: `MEMBER#${memberId}`, sk: 'LINK#google-health' });
export const invitationKey = (invitationId: string) => ({ pk: `INVITE#${invitationId}`, sk: 'INVITE' });
export const healthUserKey = (healthUserId: string) => ({
  pk: `HEALTHUSER#${healthUserId}`,
  sk: 'HEALTHUSER',
});
export const teamChannelsKey = (teamId: string) => ({ pk: `TEAM#${teamId}`, sk: 'CHANNELS' });
export const teamWebhookSecretKey = (teamId: string) => ({ pk: `TEAM#${teamId}`, sk: 'WEBHOOKSECRET' });
export const MEMBERS_INDEX = { name: 'gsi1', partitionValue: 'MEMBERS' } as const;

export const alertKeyOf = (memberId: string, alertKey: string) => ({
  pk: `MEMBER#${memberId}`,
  sk: `ALERT#${alertKey}`,
});
export const ALERTS_INDEX = { name: 'gsi1', partitionValue: 'ALERTS' } as const;

/** Staff users (directory table): one item per person, teams as a string set; listed through gsi1. */
export const staffKey = (email: string) => ({ pk: `STAFF#${email}`, sk: 'PROFILE' });
export const STAFF_INDEX = { name: 'gsi1', partitionValue: 'STAFF' } as const;
/** Access audit (directory table): pk = AUDIT#<memberId>, sk = <at>#<requestId>#<action>. */
export const auditKey = (memberId: string, at: string, requestId: string, action: string) => ({
  pk: `AUDIT#${memberId}`,
  sk: `${at}#${requestId}#${action}`,
});
export const deliveryKey = (memberId: string, notificationId: string, target: string) => ({
  pk: `MEMBER#${memberId}`,
  sk: `DELIVERY#${notificationId}#${target}`,
});
export const openSlotKeyOf = (memberId: string, slot: string) => ({
  pk: `MEMBER#${memberId}`,
  sk: `OPEN#${slot}`,
});
export const OPEN_ALERTS_INDEX = { name: 'gsi1', partitionValue: 'OPEN-ALERTS' } as const;
