import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FAILURE_RETENTION_DAYS } from '../../shared/runtime/resource-catalogue.js';

export const FAILURE_RETENTION = Duration.days(FAILURE_RETENTION_DAYS);

export interface FailureQueueProps {
  readonly key: kms.IKey;
  readonly alarmAction: cloudwatch.IAlarmAction;
  readonly fifo?: boolean;
  /** What a message here means, for whoever is paged. */
  readonly meaning: string;
}

/** Settings every queue shares: CMK encryption, TLS only, kept on stack deletion. */
export const secureQueueProps = (key: kms.IKey) =>
  ({
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: key,
    dataKeyReuse: Duration.minutes(5),
    enforceSSL: true,
    removalPolicy: RemovalPolicy.RETAIN,
  }) satisfies sqs.QueueProps;

/**
 * A queue that holds failed work (a DLQ or an on-failure destination), with an alarm as soon as it is
 * not empty: a message here is a reading that may not have been evaluated, or a sync or alert that did
 * not happen.
 */
export class FailureQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: FailureQueueProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      ...secureQueueProps(props.key),
      retentionPeriod: FAILURE_RETENTION,
      ...(props.fifo === true ? { fifo: true, contentBasedDeduplication: false } : {}),
    });
    this.alarm = this.queue
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' })
      .createAlarm(this, 'NotEmpty', {
        alarmDescription: `${props.meaning} Inspect and redrive the messages (docs/deploy.md, "Failed work").`,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.alarm.addAlarmAction(props.alarmAction);
    this.alarm.addOkAction(props.alarmAction);
  }
}
