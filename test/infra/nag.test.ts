import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { definePulseRelayForTest } from './support/pulse-relay-app.js';

interface ValidationReport {
  readonly pluginReports: { pluginName: string; violations: { ruleName: string; severity: string }[] }[];
}

/**
 * cdk-nag 3 runs as a CDK policy-validation plugin, not as an aspect: its findings are not annotations.
 * An unacknowledged error makes app.synth() throw, and every finding is written to validation-report.json.
 */
describe('cdk-nag (AwsSolutions, HIPAA.Security, Serverless)', () => {
  it.each([
    ['the default config', {}],
    [
      'an imported client secret, an alarm email and reserved concurrency',
      {
        reservedConcurrency: 'on',
        googleClientSecretArn:
          'arn:aws:secretsmanager:eu-west-2:123456789012:secret:pulse-relay/google-AbCdEf',
        alarmEmail: 'oncall@example.org',
      },
    ],
    [
      'an SES sender domain for alert emails',
      { alertEmailFrom: 'alerts@relay.example.org', alertEmailDomain: 'relay.example.org' },
    ],
  ])(
    'reports no unacknowledged findings for %s',
    (_variant, context) => {
      const { app } = definePulseRelayForTest(context, { nag: true });
      const assembly = app.synth();
      const report = JSON.parse(
        readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
      ) as ValidationReport;
      expect(report.pluginReports.flatMap((plugin) => plugin.violations)).toEqual([]);
      // Synthesis with every pack over eight bundled functions takes about a minute on a busy 2-core machine.
    },
    120_000,
  );

  it('fails synthesis when a resource breaks a rule of each pack', () => {
    const { app } = definePulseRelayForTest({}, { nag: true });
    const careless = new Stack(app, 'Careless');
    new sqs.Queue(careless, 'Plain', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    new dynamodb.Table(careless, 'Unrecoverable', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    expect(() => app.synth()).toThrow(
      /(?=[\s\S]*AwsSolutions-SQS4)(?=[\s\S]*HIPAA\.Security-DynamoDBPITREnabled)(?=[\s\S]*Serverless-SQSRedrivePolicy)/,
    );
  });
});
