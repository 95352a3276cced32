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

export const deliveryKey = (memberId: string, notificationId: string, target: string) => ({
  pk: `MEMBER#${memberId}`,
  sk: `DELIVERY#${notificationId}#${target}`,
});

/** Audit of exports of a member's data, in the member's partition of the alerts table, newest last. */
export const exportAuditKey = (memberId: string, at: string, staffId: string) => ({
  pk: `MEMBER#${memberId}`,
  sk: `EXPORT#${at}#${staffId}`,
});
