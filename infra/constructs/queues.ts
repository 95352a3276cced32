import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { QUEUES, type QueueSpec } from '../../shared/runtime/resource-catalogue.js';
import { FUNCTION_SETTINGS, SQS_VISIBILITY_FACTOR } from '../function-settings.js';
import { FailureQueue, secureQueueProps } from './failure-queue.js';

export interface QueuesProps {
  readonly key: kms.IKey;
  readonly alarmAction: cloudwatch.IAlarmAction;
}

/** FIFO (without content-based deduplication), retention and redrive as the resource catalogue declares. */
const catalogueProps = (spec: QueueSpec, deadLetter?: FailureQueue): sqs.QueueProps => ({
  ...(spec.fifo ? { fifo: true, contentBasedDeduplication: false } : {}),
  retentionPeriod: Duration.days(spec.retentionDays),
  ...(deadLetter === undefined || spec.deadLetter === undefined
    ? {}
    : { deadLetterQueue: { queue: deadLetter.queue, maxReceiveCount: spec.deadLetter.maxReceiveCount } }),
});

/** Work queues and the queues that catch their failures. */
export class Queues extends Construct {
  /** Care-team alerts, FIFO by member; the alert key is the deduplication id. */
  readonly alerts: sqs.Queue;
  readonly alertsDeadLetter: FailureQueue;
  readonly syncJobs: sqs.Queue;
  readonly syncJobsDeadLetter: FailureQueue;
  /** On-failure destination of the readings stream: batches that could not be evaluated for alerts. */
  readonly streamFailures: FailureQueue;

  constructor(scope: Construct, id: string, props: QueuesProps) {
    super(scope, id);
    const { key, alarmAction } = props;

    this.alertsDeadLetter = new FailureQueue(this, 'AlertsDeadLetter', {
      key,
      alarmAction,
      fifo: QUEUES.alertsDlq.fifo,
      meaning:
        'Care-team notifications failed delivery five times (email and webhook): the team may not have heard.',
    });
    this.alerts = new sqs.Queue(this, 'Alerts', {
      ...secureQueueProps(key),
      ...catalogueProps(QUEUES.alerts, this.alertsDeadLetter),
      // Long enough for deliver-alerts to finish every channel before the message reappears.
      visibilityTimeout: Duration.seconds(
        FUNCTION_SETTINGS['deliver-alerts'].timeout.toSeconds() * SQS_VISIBILITY_FACTOR,
      ),
    });

    // Alerts nobody has picked up: the care-team consumer is down or missing.
    this.alerts
      .metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: Duration.minutes(5) })
      .createAlarm(this, 'AlertsWaiting', {
        alarmDescription: 'A care-team alert has waited over an hour in the alert queue: check the consumer.',
        threshold: Duration.hours(1).toSeconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      })
      .addAlarmAction(alarmAction);

    this.syncJobsDeadLetter = new FailureQueue(this, 'SyncJobsDeadLetter', {
      key,
      alarmAction,
      fifo: QUEUES.syncJobsDlq.fifo,
      meaning: 'Wearable sync jobs failed five times; those members have data missing.',
    });
    this.syncJobs = new sqs.Queue(this, 'SyncJobs', {
      ...secureQueueProps(key),
      ...catalogueProps(QUEUES.syncJobs, this.syncJobsDeadLetter),
      visibilityTimeout: Duration.seconds(
        FUNCTION_SETTINGS['sync-worker'].timeout.toSeconds() * SQS_VISIBILITY_FACTOR,
      ),
    });

    this.streamFailures = new FailureQueue(this, 'StreamFailures', {
      key,
      alarmAction,
      fifo: QUEUES.streamFailures.fifo,
      meaning: 'Readings could not be evaluated for alerts after all retries; alerts may have been missed.',
    });
  }
}
