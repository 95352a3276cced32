import type { Alert } from '../alert.js';
import type { AlertSubject } from './alert-subject.js';
import { GUIDANCE } from './guidance.js';
import { localTimeLabel } from './local-time.js';
import { newAlert } from './new-alert.js';

const DAY_MS = 86_400_000;

export interface BpSilenceInput {
  subject: AlertSubject;
  /** When the member's first blood-pressure monitor was registered (UTC ISO). */
  monitorSince: string;
  /** The newest blood-pressure reading's time, if any was found. */
  lastReadingAt?: string;
  /** thresholds.noData.bloodPressureDays for this member (default 7). */
  days: number;
  now: Date;
}

/**
 * bp-no-readings: a member with a registered monitor has sent no blood-pressure reading for `days` days.
 * A watch alert; the episode is the last reading time (or the registration), and the open slot keeps one
 * open per member. A reading arriving resolves it (evaluateStoredReading). undefined: nothing to raise.
 */
export const evaluateBpSilence = (input: BpSilenceInput): Alert | undefined => {
  const since = input.lastReadingAt ?? input.monitorSince;
  const silentMs = input.now.getTime() - Date.parse(since);
  if (silentMs < input.days * DAY_MS) return undefined;
  const silentDays = Math.floor(silentMs / DAY_MS);
  const episode = new Date(since).toISOString();
  const what =
    input.lastReadingAt === undefined
      ? `No blood pressure reading has arrived since the member's monitor was registered ${silentDays} days ago`
      : `No blood pressure reading has arrived for ${silentDays} days (the last was taken at ` +
        `${localTimeLabel(episode, input.subject.timezone)})`;
  return newAlert({
    subject: input.subject,
    rule: 'bp-no-readings',
    severity: 'watch',
    episode,
    raisedAt: input.now,
    readings: [],
    thresholds: { bloodPressureDays: input.days },
    explanation:
      `${what}. What to do: check in with the member within a few days, for example about whether the ` +
      'monitor works, its batteries, or whether they need help taking readings. Nothing here says the ' +
      'member is unwell; it means the care team cannot see their blood pressure.',
    guidance: GUIDANCE.homeMonitoring,
  });
};
