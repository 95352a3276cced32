import type { Logger } from '@aws-lambda-powertools/logger';
import type { SQSRecord } from 'aws-lambda';
import { careTeamMessageSchema } from '../../shared/domain/delivery/care-team-message.js';
import {
  type DeliveryDependencies,
  DeliveryFailedError,
  deliverNotification,
} from '../../shared/domain/delivery/deliver-notification.js';

/**
 * Handles one care-team queue message. A message that fails on any channel is thrown, so it is reported
 * as a batch item failure, retried (only the channels still missing are sent again) and, after
 * maxReceiveCount, dead-lettered. Logs carry ids and outcomes only: no names, values or addresses.
 */
export const createDeliverRecordHandler =
  (deps: DeliveryDependencies, logger: Logger) =>
  async (record: SQSRecord): Promise<void> => {
    const message = careTeamMessageSchema.parse(JSON.parse(record.body));
    try {
      const outcome = await deliverNotification(message, deps);
      const summary = {
        memberId: message.memberId,
        kind: outcome.kind,
        severity: message.severity,
        teamId: outcome.teamId,
        delivered: outcome.delivered.length,
        alreadyDelivered: outcome.alreadyDelivered.length,
      };
      if (outcome.delivered.length + outcome.alreadyDelivered.length === 0)
        logger.warn(
          'notification has nowhere to go: the member has no team or the team no channels',
          summary,
        );
      else logger.info('notification delivered', summary);
    } catch (error) {
      if (error instanceof DeliveryFailedError) {
        logger.error('delivery failed; the message will be retried', {
          memberId: message.memberId,
          kind: error.outcome.kind,
          delivered: error.outcome.delivered.length,
          failed: error.outcome.failed.map(({ target, errorName }) => ({
            channel: target.startsWith('email:') ? 'email' : target,
            errorName,
          })),
          receiveCount: record.attributes.ApproximateReceiveCount,
        });
      }
      throw error;
    }
  };
