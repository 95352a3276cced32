import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_SETTINGS } from '../../infra/function-settings.js';
import { templatesOf } from './support/pulse-relay-app.js';

let stateful: Template;
let service: Template;

beforeAll(() => {
  ({ stateful, service } = templatesOf());
});

const dataKeyRef = { 'Fn::GetAtt': [Match.stringLikeRegexp('^KeysDataKey'), 'Arn'] };

describe('encryption keys', () => {
  it('rotates both customer-managed keys and keeps them when the stack is deleted', () => {
    stateful.resourceCountIs('AWS::KMS::Key', 2);
    const keys = stateful.findResources('AWS::KMS::Key');
    for (const key of Object.values(keys)) {
      expect(key).toMatchObject({ DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true } });
    }
  });

  it('lets CloudWatch Logs use the data key only for this account’s log groups', () => {
    stateful.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchLogsOfThisAccount',
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });
});

describe('tables', () => {
  it.each(['Readings', 'Directory', 'Alerts'])(
    '%s is on-demand, recoverable, CMK-encrypted and retained',
    (name) => {
      const tables = stateful.findResources('AWS::DynamoDB::Table', {
        Properties: {
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: dataKeyRef },
          DeletionProtectionEnabled: true,
        },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      expect(Object.keys(tables).filter((id) => id.startsWith(`Tables${name}`))).toHaveLength(1);
    },
  );

  it('streams new and old images of readings only', () => {
    const streamed = stateful.findResources('AWS::DynamoDB::Table', {
      Properties: { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } },
    });
    expect(Object.keys(streamed)).toEqual([expect.stringMatching(/^TablesReadings/)]);
  });

  it.each(['Directory', 'Alerts'])('%s has the gsi1 index on gsi1pk/gsi1sk', (name) => {
    const withIndex = stateful.findResources('AWS::DynamoDB::Table', {
      Properties: {
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      },
    });
    expect(Object.keys(withIndex).some((id) => id.startsWith(`Tables${name}`))).toBe(true);
  });

  it('expires invitations with TTL on the directory table only', () => {
    const withTtl = stateful.findResources('AWS::DynamoDB::Table', {
      Properties: { TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true } },
    });
    expect(Object.keys(withTtl)).toEqual([expect.stringMatching(/^TablesDirectory/)]);
  });

  it('backs up all three tables to a CMK-encrypted vault', () => {
    stateful.hasResourceProperties('AWS::Backup::BackupVault', { EncryptionKeyArn: dataKeyRef });
    stateful.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: {
        Resources: ['Readings', 'Directory', 'Alerts'].map((name) => ({
          'Fn::GetAtt': [Match.stringLikeRegexp(`^Tables${name}`), 'Arn'],
        })),
      },
    });
  });
});

describe('queues', () => {
  it('encrypts every queue with the data key', () => {
    const queues = stateful.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(5);
    for (const queue of Object.values(queues)) {
      expect(queue).toMatchObject({
        Properties: { KmsMasterKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^KeysDataKey/), 'Arn'] } },
      });
    }
  });

  it('denies every queue action over plain HTTP', () => {
    const policies = Object.values(stateful.findResources('AWS::SQS::QueuePolicy'));
    expect(policies).toHaveLength(5);
    for (const policy of policies) {
      expect(policy).toMatchObject({
        Properties: {
          PolicyDocument: {
            Statement: expect.arrayContaining([
              expect.objectContaining({
                Effect: 'Deny',
                Action: 'sqs:*',
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              }),
            ]),
          },
        },
      });
    }
  });

  it('keeps alerts in a FIFO queue without content-based deduplication, redriving to a FIFO DLQ after 5 receives', () => {
    stateful.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      ContentBasedDeduplication: false,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^QueuesAlertsDeadLetter'), 'Arn'] },
        maxReceiveCount: 5,
      },
    });
    const fifoDeadLetters = stateful.findResources('AWS::SQS::Queue', {
      Properties: { FifoQueue: true, RedrivePolicy: Match.absent() },
    });
    expect(Object.keys(fifoDeadLetters)).toEqual([expect.stringMatching(/^QueuesAlertsDeadLetter/)]);
  });

  it('redrives sync jobs after 5 receives, with a visibility timeout at least 6x the sync worker timeout', () => {
    const syncQueues = Object.values(
      stateful.findResources('AWS::SQS::Queue', {
        Properties: {
          RedrivePolicy: {
            deadLetterTargetArn: {
              'Fn::GetAtt': [Match.stringLikeRegexp('^QueuesSyncJobsDeadLetter'), 'Arn'],
            },
            maxReceiveCount: 5,
          },
        },
      }),
    ) as { Properties: { VisibilityTimeout: number } }[];
    expect(syncQueues).toHaveLength(1);
    const worker = Object.values(
      service.findResources('AWS::Lambda::Function', {
        Properties: { FunctionName: 'pulse-relay-test-sync-worker' },
      }),
    ) as { Properties: { Timeout: number } }[];
    const timeout = worker[0]?.Properties.Timeout ?? Number.POSITIVE_INFINITY;
    expect(syncQueues[0]?.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
  });

  it.each(['AlertsDeadLetter', 'SyncJobsDeadLetter', 'StreamFailures'])(
    'alarms on the alarm topic as soon as %s holds a message',
    (queue) => {
      stateful.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          {
            Name: 'QueueName',
            Value: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^Queues${queue}Queue`), 'QueueName'] },
          },
        ],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlarmsTopic') }],
      });
    },
  );
});

describe('alert delivery', () => {
  it('gives the alerts queue a visibility timeout at least 6x the delivery function timeout', () => {
    const alertQueues = Object.values(
      stateful.findResources('AWS::SQS::Queue', {
        Properties: { FifoQueue: true, RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }) },
      }),
    ) as { Properties: { VisibilityTimeout: number } }[];
    expect(alertQueues).toHaveLength(1);
    const timeout = FUNCTION_SETTINGS['deliver-alerts'].timeout.toSeconds();
    expect(alertQueues[0]?.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
  });

  it('creates no SES identity until a sender address is configured', () => {
    stateful.resourceCountIs('AWS::SES::EmailIdentity', 0);
  });

  it('alarms when a care-team alert has waited in the queue for over an hour', () => {
    stateful.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^QueuesAlerts[0-9A-F]'), 'QueueName'] },
        },
      ],
      Threshold: 3600,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlarmsTopic') }],
    });
  });
});

describe('alarm topic and secrets', () => {
  it('encrypts the alarm topic and accepts only TLS publishers', () => {
    stateful.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: dataKeyRef });
    stateful.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('subscribes nobody unless an alarm email is configured, with a DLQ for undeliverable alarms', () => {
    stateful.resourceCountIs('AWS::SNS::Subscription', 0);
    const withEmail = templatesOf({ alarmEmail: 'oncall@example.org' }).stateful;
    withEmail.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.org',
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlarmsUndelivered'), 'Arn'] },
      },
    });
  });

  it('creates a CMK-encrypted placeholder client secret only when no ARN is configured', () => {
    // Google client secret, webhook Authorization, console session key.
    stateful.resourceCountIs('AWS::SecretsManager::Secret', 3);
    stateful.hasResourceProperties('AWS::SecretsManager::Secret', {
      Description: Match.stringLikeRegexp('Google OAuth client secret'),
      KmsKeyId: dataKeyRef,
    });
    const arn = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:pulse-relay/google-AbCdEf';
    const imported = templatesOf({ googleClientSecretArn: arn });
    imported.stateful.resourceCountIs('AWS::SecretsManager::Secret', 2);
    imported.stateful.hasOutput('GoogleClientSecretArn', { Value: arn });
  });

  it('outputs what the CLI and operators need', () => {
    for (const output of [
      'ReadingsTableName',
      'DirectoryTableName',
      'AlertsTableName',
      'AlertQueueUrl',
      'SyncQueueUrl',
      'AlertDeadLetterQueueUrl',
      'SyncDeadLetterQueueUrl',
      'StreamFailuresQueueUrl',
      'TokenKeyArn',
      'AlarmTopicArn',
      'GoogleClientSecretArn',
      'WebhookAuthorizationSecretArn',
      'DataKeyArn',
    ]) {
      stateful.hasOutput(output, {});
    }
  });
});
