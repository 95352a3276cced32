import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * Customer-managed keys. The data key encrypts tables, queues, the alarm topic, secrets and log groups.
 * The token key is only for application-level envelope encryption: members' OAuth tokens (EncryptionContext
 * {memberId}) and care teams' webhook signing secrets ({teamId}), so reading the directory table never
 * implies being able to decrypt either; each grant names the context it may open (function-bindings.ts).
 */
export class EncryptionKeys extends Construct {
  readonly dataKey: kms.Key;
  readonly tokenKey: kms.Key;

  constructor(scope: Construct, id: string, props: { stage: string }) {
    super(scope, id);
    const { region, account, partition } = Stack.of(this);

    this.dataKey = new kms.Key(this, 'DataKey', {
      description: `pulse-relay ${props.stage}: tables, queues, alarm topic, secrets and logs`,
      alias: `alias/pulse-relay/${props.stage}/data`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    this.dataKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsOfThisAccount',
        principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:log-group:*`,
          },
        },
      }),
    );
    // CloudWatch alarms publish to the encrypted alarm topic.
    this.dataKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublishToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );

    // EventBridge delivers failed schedule invocations to an encrypted dead-letter queue.
    this.dataKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowEventBridgeToUseEncryptedDeadLetterQueues',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );

    // SNS moves undeliverable alarm notifications to an encrypted dead-letter queue.
    this.dataKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSnsToUseEncryptedDeadLetterQueues',
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );

    this.tokenKey = new kms.Key(this, 'TokenKey', {
      description: `pulse-relay ${props.stage}: envelope encryption of wearable OAuth tokens and team webhook secrets`,
      alias: `alias/pulse-relay/${props.stage}/tokens`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
  }
}
