import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FUNCTION_SETTINGS, type FunctionName } from '../function-settings.js';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const handlerEntry = (name: FunctionName): string => `${REPOSITORY_ROOT}functions/${name}/handler.ts`;

export interface ServiceFunctionProps {
  readonly name: FunctionName;
  readonly stage: string;
  readonly logKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  readonly alarmAction: cloudwatch.IAlarmAction;
  readonly environment?: Record<string, string>;
  /** Reserve the concurrency in function-settings.ts (off: the function shares the account pool). */
  readonly reserveConcurrency: boolean;
  /** Dead-letter queue for asynchronous invocations; only the scheduled function is invoked asynchronously. */
  readonly asyncDeadLetterQueue?: sqs.IQueue;
}

/**
 * The one way this project defines a function: Node 24 on Graviton, X-Ray tracing, an encrypted log group
 * with retention, reserved concurrency when configured, an error alarm, and a role that can write only its own logs.
 * Access to data is added with `bindFunction` so each grant is explicit.
 */
export class ServiceFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly errorAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const settings = FUNCTION_SETTINGS[props.name];

    // Generated name: the group is retained on delete, and a fixed name would block redeploying the stack.
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Own role instead of AWSLambdaBasicExecutionRole: no logs:CreateLogGroup, no access to other log groups.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `pulse-relay ${props.stage} ${props.name}`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      functionName: `pulse-relay-${props.stage}-${props.name}`,
      description: settings.description,
      entry: handlerEntry(props.name),
      handler: 'handler',
      projectRoot: REPOSITORY_ROOT,
      depsLockFilePath: `${REPOSITORY_ROOT}package-lock.json`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      tracing: lambda.Tracing.ACTIVE,
      timeout: settings.timeout,
      memorySize: settings.memorySize,
      ...(props.reserveConcurrency ? { reservedConcurrentExecutions: settings.reservedConcurrency } : {}),
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: `pulse-relay-${props.name}`,
        POWERTOOLS_METRICS_NAMESPACE: 'PulseRelay',
        // Stack traces point at the TypeScript sources through the bundled source map.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      ...(props.asyncDeadLetterQueue === undefined ? {} : { deadLetterQueue: props.asyncDeadLetterQueue }),
      bundling: {
        format: nodejs.OutputFormat.ESM,
        target: 'node24',
        platform: 'node',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        externalModules: ['@aws-sdk/*'],
        // ESM bundles still meet CommonJS dependencies that call require().
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      },
    });
    const deadLetterKey = props.asyncDeadLetterQueue?.encryptionMasterKey;
    if (deadLetterKey !== undefined) {
      // Lambda writes to the encrypted dead-letter queue with the function's role.
      this.role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [deadLetterKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `sqs.${Stack.of(this).region}.amazonaws.com` } },
        }),
      );
    }

    this.errorAlarm = this.function
      .metricErrors({ period: Duration.minutes(5), statistic: 'Sum' })
      .createAlarm(this, 'Errors', {
        alarmDescription: `${props.name} failed invocations (see its log group ${this.logGroup.logGroupName}).`,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.errorAlarm.addAlarmAction(props.alarmAction);
  }
}
