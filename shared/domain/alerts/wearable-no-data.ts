import type { Alert } from '../alert.js';
import type { AlertSubject } from './alert-subject.js';
import { GUIDANCE } from './guidance.js';
import { localTimeLabel } from './local-time.js';
import { newAlert } from './new-alert.js';

const DAY_MS = 86_400_000;

export interface NoDataInput {
  subject: AlertSubject;
  /**
   * When wearable data was last seen (UTC ISO). If the member has never sent data, pass the time the link
   * was made, so the clock starts there.
   */
  lastDataAt: string;
  /** thresholds.noData.wearableDays for this member. */
  wearableDays: number;
  now: Date;
}

export type NoDataDecision = { action: 'raise'; alert: Alert } | { action: 'clear' };

/**
 * wearable-no-data: no wearable data for at least `wearableDays` days -> a staff-facing watch alert.
 * Episode: the ISO time data was last seen, so each silence is one episode however often this is asked,
 * and a new silence after data returns is a new episode. 'clear' means any open episode should be resolved.
 */
export const evaluateNoData = (input: NoDataInput): NoDataDecision => {
  const silentMs = input.now.getTime() - Date.parse(input.lastDataAt);
  if (silentMs < input.wearableDays * DAY_MS) {
    return { action: 'clear' };
  }
  const silentDays = Math.floor(silentMs / DAY_MS);
  const lastSeen = new Date(input.lastDataAt).toISOString();
  return {
    action: 'raise',
    alert: newAlert({
      subject: input.subject,
      rule: 'wearable-no-data',
      severity: 'watch',
      episode: lastSeen,
      raisedAt: input.now,
      readings: [],
      thresholds: { wearableDays: input.wearableDays },
      explanation:
        `No data has arrived from the member's wearable for ${silentDays} days (last seen at ` +
        `${localTimeLabel(lastSeen, input.subject.timezone)}). Please check in with the member, for example ` +
        'about charging, wearing or syncing the device, within the next few days. If you cannot reach the ' +
        'member, follow your usual welfare check process.',
      guidance: GUIDANCE.wearableNoData,
    }),
  };
};
