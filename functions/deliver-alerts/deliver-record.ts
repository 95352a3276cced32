import type { Logger } from '@aws-lambda-powertools/logger';
import type { SQSRecord } from 'aws-lambda';
import { careTeamMessageSchema } from '../../shared/domain/delivery/care-team-message.js';
import {
  type DeliveryDependencies,
  DeliveryFailedError,
  type DeliveryOutcome,
  deliverNotification,
} from '../../shared/domain/delivery/deliver-notification.js';
import { ENV } from '../../shared/runtime/environment.js';
import { type DeliveryOutcomeName, METRIC } from '../../shared/runtime/metric-catalogue.js';
import { recordCounts } from '../../shared/runtime/metrics.js';

const channelOf = (target: string) => (target === 'webhook' ? 'webhook' : 'email');

/** One EMF line per channel and outcome: never an address or a member id as a dimension. */
const countOutcome = (outcome: DeliveryOutcome): void => {
  const counts = new Map<string, number>();
  const add = (target: string, name: DeliveryOutcomeName) => {
    const key = `${channelOf(target)}|${name}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (const target of outcome.delivered) add(target, 'delivered');
  for (const target of outcome.alreadyDelivered) add(target, 'duplicate');
  for (const { target } of outcome.refused) add(target, 'refused');
  for (const { target } of outcome.failed) add(target, 'failed');
  for (const [key, value] of counts) {
    const [channel = 'email', name = 'failed'] = key.split('|');
    recordCounts({ channel, outcome: name }, { [METRIC.deliveries]: value });
  }
  if (outcome.urgentUndelivered !== undefined) recordCounts({}, { [METRIC.urgentAlertsUndelivered]: 1 });
};

/** Logs carry ids, counts and error names only: no names, values or addresses. */
const summaryOf = (outcome: DeliveryOutcome, memberId: string) => ({
  memberId,
  kind: outcome.kind,
  severity: outcome.severity,
  teamId: outcome.teamId,
  delivered: outcome.delivered.length,
  alreadyDelivered: outcome.alreadyDelivered.length,
  refused: outcome.refused.map(({ target, errorName }) => ({ channel: channelOf(target), errorName })),
  failed: outcome.failed.map(({ target, errorName }) => ({ channel: channelOf(target), errorName })),
});

const maxReceives = (): number => {
  const configured = Number(process.env[ENV.alertQueueMaxReceives]);
  return Number.isInteger(configured) && configured > 0 ? configured : 5;
};

/**
 * Handles one care-team queue message. A message that failed on a channel where a retry may help is
 * thrown, so it is reported as a batch item failure, retried (only the channels still missing are sent
 * again) and, after maxReceiveCount, dead-lettered (alarmed). An urgent alert that reached no one raises
 * the UrgentAlertsUndelivered metric (alarmed): at once when nothing can be retried, else on the last try.
 */
export const createDeliverRecordHandler =
  (deps: DeliveryDependencies, logger: Logger) =>
  async (record: SQSRecord): Promise<void> => {
    const message = careTeamMessageSchema.parse(JSON.parse(record.body));
    const receiveCount = Number(record.attributes.ApproximateReceiveCount);
    const final = receiveCount >= maxReceives();
    let outcome: DeliveryOutcome;
    try {
      outcome = await deliverNotification(message, deps, { final });
    } catch (error) {
      if (!(error instanceof DeliveryFailedError)) throw error;
      countOutcome(error.outcome);
      logger.error('delivery failed; the message will be retried', {
        ...summaryOf(error.outcome, message.memberId),
        receiveCount,
        lastAttempt: final,
      });
      if (error.outcome.urgentUndelivered !== undefined)
        logger.error('urgent alert reached no care-team channel', { memberId: message.memberId });
      throw error;
    }
    countOutcome(outcome);
    const summary = summaryOf(outcome, message.memberId);
    if (outcome.urgentUndelivered !== undefined)
      logger.error('urgent alert reached no care-team channel', {
        ...summary,
        reason: outcome.urgentUndelivered,
      });
    else if (outcome.delivered.length + outcome.alreadyDelivered.length === 0)
      logger.warn('notification reached no one: no team, no channels, or every channel refused it', summary);
    else logger.info('notification delivered', summary);
  };
