import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { PulseRelayConfig } from './config.js';
import { AlarmTopic } from './constructs/alarm-topic.js';
import { Backups } from './constructs/backups.js';
import { EncryptionKeys } from './constructs/encryption-keys.js';
import { GoogleSecrets } from './constructs/google-secrets.js';
import { MailIdentity } from './constructs/mail-identity.js';
import { Queues } from './constructs/queues.js';
import { StaffSignIn } from './constructs/staff-sign-in.js';
import { Tables } from './constructs/tables.js';
import { acknowledgeStatefulFindings } from './nag-suppressions.js';

export interface StatefulStackProps extends StackProps {
  readonly config: PulseRelayConfig;
}

/** What the service stack needs from the stateful stack. */
export interface StatefulResources {
  readonly dataKey: kms.IKey;
  readonly tokenKey: kms.IKey;
  readonly readingsTable: dynamodb.ITable;
  readonly directoryTable: dynamodb.ITable;
  readonly alertsTable: dynamodb.ITable;
  readonly alertQueue: sqs.IQueue;
  readonly syncQueue: sqs.IQueue;
  readonly streamFailuresQueue: sqs.IQueue;
  readonly googleClientSecret: secretsmanager.ISecret;
  readonly webhookAuthorizationSecret: secretsmanager.ISecret;
  readonly alarmAction: cloudwatch.IAlarmAction;
  /** SES identity ARN and sender of alert emails; undefined until alertEmailFrom is configured. */
  readonly mailIdentityArn: string | undefined;
  readonly mailFrom: string | undefined;
  readonly staffUserPool: cognito.IUserPool;
  /** OpenID Connect issuer of the staff user pool. */
  readonly staffIssuer: string;
  readonly consoleSessionKey: secretsmanager.ISecret;
}

/** Everything that holds data or must outlive a redeploy: keys, tables, queues, secrets, the alarm topic. */
export class StatefulStack extends Stack {
  readonly resources: StatefulResources;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    const keys = new EncryptionKeys(this, 'Keys', { stage: config.stage });
    const alarms = new AlarmTopic(this, 'Alarms', {
      key: keys.dataKey,
      stage: config.stage,
      email: config.alarmEmail,
    });
    const tables = new Tables(this, 'Tables', { key: keys.dataKey });
    const backups = new Backups(this, 'Backups', {
      key: keys.dataKey,
      stage: config.stage,
      tables: tables.all,
    });
    const queues = new Queues(this, 'Queues', { key: keys.dataKey, alarmAction: alarms.action });
    const secrets = new GoogleSecrets(this, 'GoogleSecrets', {
      key: keys.dataKey,
      stage: config.stage,
      clientSecretArn: config.googleClientSecretArn,
    });

    const mail = new MailIdentity(this, 'MailIdentity', {
      from: config.alertEmailFrom,
      domain: config.alertEmailDomain,
    });

    const staffSignIn = new StaffSignIn(this, 'StaffSignIn', {
      key: keys.dataKey,
      stage: config.stage,
      domainPrefix: config.cognitoDomainPrefix ?? `pulse-relay-${config.stage}`,
    });

    this.resources = {
      dataKey: keys.dataKey,
      tokenKey: keys.tokenKey,
      readingsTable: tables.readings,
      directoryTable: tables.directory,
      alertsTable: tables.alerts,
      alertQueue: queues.alerts,
      syncQueue: queues.syncJobs,
      streamFailuresQueue: queues.streamFailures.queue,
      googleClientSecret: secrets.clientSecret,
      webhookAuthorizationSecret: secrets.webhookAuthorization,
      alarmAction: alarms.action,
      mailIdentityArn: mail.identityArn,
      mailFrom: mail.from,
      staffUserPool: staffSignIn.userPool,
      staffIssuer: staffSignIn.issuer,
      consoleSessionKey: staffSignIn.sessionKey,
    };

    const outputs: Record<string, [string, string]> = {
      ReadingsTableName: [tables.readings.tableName, 'READINGS_TABLE'],
      DirectoryTableName: [tables.directory.tableName, 'DIRECTORY_TABLE'],
      AlertsTableName: [tables.alerts.tableName, 'ALERTS_TABLE'],
      AlertQueueUrl: [queues.alerts.queueUrl, 'ALERT_QUEUE_URL'],
      SyncQueueUrl: [queues.syncJobs.queueUrl, 'SYNC_QUEUE_URL'],
      AlertDeadLetterQueueUrl: [queues.alertsDeadLetter.queue.queueUrl, 'alerts dead-letter queue'],
      SyncDeadLetterQueueUrl: [queues.syncJobsDeadLetter.queue.queueUrl, 'sync-jobs dead-letter queue'],
      StreamFailuresQueueUrl: [
        queues.streamFailures.queue.queueUrl,
        'readings stream on-failure destination',
      ],
      TokenKeyArn: [
        keys.tokenKey.keyArn,
        'TOKEN_KMS_KEY_ID and TEAM_WEBHOOK_SECRET_KMS_KEY_ID (team channels set)',
      ],
      DataKeyArn: [keys.dataKey.keyArn, 'data key: tables, queues, alarm topic, secrets and logs'],
      AlarmTopicArn: [alarms.topic.topicArn, 'operational alarms'],
      StaffUserPoolId: [
        staffSignIn.userPool.userPoolId,
        'staff user pool (add staff users, federate Entra ID)',
      ],
      StaffSignInDomain: [staffSignIn.domain.baseUrl(), 'Cognito hosted sign-in domain'],
      GoogleClientSecretArn: [secrets.clientSecret.secretArn, 'GOOGLE_CLIENT_SECRET_ARN'],
      WebhookAuthorizationSecretArn: [
        secrets.webhookAuthorization.secretArn,
        'Google Health webhook Authorization',
      ],
    };
    for (const [outputId, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, outputId, { value, description });
    }

    acknowledgeStatefulFindings({
      googleSecrets: [secrets],
      consoleSessionKey: staffSignIn.sessionKey,
      terminalFailureQueues: [
        queues.alertsDeadLetter,
        queues.syncJobsDeadLetter,
        queues.streamFailures,
        ...(alarms.undeliveredAlarms === undefined ? [] : [alarms.undeliveredAlarms]),
      ],
      standaloneFailureQueues: [
        queues.streamFailures,
        ...(alarms.undeliveredAlarms === undefined ? [] : [alarms.undeliveredAlarms]),
      ],
      backupSelection: backups,
    });
  }
}
