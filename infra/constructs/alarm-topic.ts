import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { FailureQueue } from './failure-queue.js';

/** Where operational alarms go (failed work, function errors). Not the care-team alert channel. */
export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;
  readonly action: cloudwatch.IAlarmAction;
  /** Alarm notifications SNS could not deliver to the email subscription. */
  readonly undeliveredAlarms: FailureQueue | undefined;

  constructor(
    scope: Construct,
    id: string,
    props: { key: kms.IKey; stage: string; email: string | undefined },
  ) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `pulse-relay ${props.stage} operational alarms`,
      masterKey: props.key,
      enforceSSL: true,
    });
    this.action = new cloudwatchActions.SnsAction(this.topic);
    if (props.email === undefined) {
      this.undeliveredAlarms = undefined;
      return;
    }
    this.undeliveredAlarms = new FailureQueue(this, 'Undelivered', {
      key: props.key,
      alarmAction: this.action,
      meaning:
        'Operational alarm emails could not be delivered; check the subscription and read the messages.',
    });
    this.topic.addSubscription(
      new subscriptions.EmailSubscription(props.email, { deadLetterQueue: this.undeliveredAlarms.queue }),
    );
  }
}
