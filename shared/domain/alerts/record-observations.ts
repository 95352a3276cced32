import type { Alert } from '../alert.js';
import { conditionOfRule } from './alert-condition.js';
import { type AlertPorts, changeAlert, sendPendingNotifications } from './alert-outbox.js';
import type { AlertSubject } from './alert-subject.js';
import { applyObservation, type EpisodePolicy, openEpisode } from './episode-lifecycle.js';
import { type Observation, readingIdentity } from './finding.js';

export type EpisodeOutcome = {
  condition: Observation['condition'];
  outcome: 'raised' | 'extended' | 'escalated' | 'counted-normal' | 'resolved' | 'unchanged';
  alertKey?: string;
};

const MAX_ATTEMPTS = 8;

/** A crossing reading that already belongs to a closed episode (a redelivered record, a re-evaluation). */
const inClosedEpisode = async (
  ports: AlertPorts,
  observation: Observation,
  memberId: string,
): Promise<boolean> => {
  const id = readingIdentity(observation.reading);
  const alerts = await ports.alerts.list({ memberId, limit: 1000 });
  return alerts.some(
    (alert) =>
      conditionOfRule(alert.rule) === observation.condition &&
      alert.readings.some((reading) => readingIdentity(reading) === id),
  );
};

const outcomeOf = (before: Alert, after: Alert, observation: Observation): EpisodeOutcome['outcome'] => {
  if (after.status === 'resolved') return 'resolved';
  if (after.notifications.length > before.notifications.length) return 'escalated';
  return observation.finding === undefined ? 'counted-normal' : 'extended';
};

/**
 * The episode step for one reading: for each condition it observed, open an episode (one per member and
 * condition), extend or escalate the open one, or count a normal reading towards resolving it; then send
 * whatever notification that queued. Idempotent: a reading already in an episode, or already counted,
 * changes nothing, so redelivered records and `alerts reevaluate` send nothing twice.
 */
export const recordObservations = async (
  ports: AlertPorts,
  subject: AlertSubject,
  observations: readonly Observation[],
  policy: EpisodePolicy,
): Promise<EpisodeOutcome[]> => {
  const outcomes: EpisodeOutcome[] = [];
  for (const observation of observations) {
    outcomes.push(await recordObservation(ports, subject, observation, policy));
  }
  return outcomes;
};

const recordObservation = async (
  ports: AlertPorts,
  subject: AlertSubject,
  observation: Observation,
  policy: EpisodePolicy,
): Promise<EpisodeOutcome> => {
  const { condition } = observation;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const holder = await ports.alerts.findBySlot(subject.memberId, condition);
    if (holder !== undefined && holder.status === 'resolved') {
      // Resolved with its notice not yet confirmed sent: finish that, which frees the slot.
      await sendPendingNotifications(ports, holder);
      continue;
    }
    if (holder !== undefined) {
      let before: Alert = holder;
      const { alert, changed } = await changeAlert(
        ports.alerts,
        subject.memberId,
        holder.alertKey,
        (stored) => {
          before = stored;
          return applyObservation(stored, observation, policy, ports.clock.now());
        },
      );
      await sendPendingNotifications(ports, alert);
      return {
        condition,
        alertKey: alert.alertKey,
        outcome: changed ? outcomeOf(before, alert, observation) : 'unchanged',
      };
    }
    const finding = observation.finding;
    if (finding === undefined) return { condition, outcome: 'unchanged' };
    if (await inClosedEpisode(ports, observation, subject.memberId))
      return { condition, outcome: 'unchanged' };
    const alert = openEpisode(finding, subject, ports.clock.now());
    const created = await ports.alerts.create(alert, condition);
    if (created === 'slot-taken') continue;
    const stored = created === 'created' ? alert : await ports.alerts.get(subject.memberId, alert.alertKey);
    if (stored !== undefined) await sendPendingNotifications(ports, stored);
    return { condition, alertKey: alert.alertKey, outcome: created === 'created' ? 'raised' : 'unchanged' };
  }
  throw new Error(`Could not record a ${condition} observation: the open episode kept changing`);
};
