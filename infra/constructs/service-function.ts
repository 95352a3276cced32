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
import { METRIC, metricsNamespaceFor, serviceNameFor } from '../../shared/runtime/metric-catalogue.js';
import { FUNCTION_BUNDLING, RUNTIME_SOURCE_MAPS } from '../function-bundling.js';
import { FUNCTION_SETTINGS, type FunctionName, type FunctionSettings } from '../function-settings.js';

/** NODE_OPTIONS only where a function needs a flag: the heap cap it is sized for, source maps while debugging. */
const nodeOptionsFor = (settings: FunctionSettings, sourceMapsAtRuntime: boolean): Record<string, string> => {
  const flags = [
    ...(settings.maxOldSpaceMb === undefined ? [] : [`--max-old-space-size=${settings.maxOldSpaceMb}`]),
    ...(sourceMapsAtRuntime ? [RUNTIME_SOURCE_MAPS.NODE_OPTIONS] : []),
  ];
  return flags.length === 0 ? {} : { NODE_OPTIONS: flags.join(' ') };
};

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
  /** Node maps stack traces through the bundled source map (costs cold-start time; see function-bundling.ts). */
  readonly sourceMapsAtRuntime?: boolean;
}

/**
 * The one way this project defines a function: Node 24 on Graviton, an encrypted log group with retention,
 * reserved concurrency when configured, error and throttle alarms, and a role that can write only its own
 * logs. Access to data is added with `bindFunction` so each grant is explicit.
 *
 * X-Ray tracing is off: the code creates no subsegments (no Powertools Tracer, which would add the X-Ray
 * SDK to every cold start), so traces would show only the invocation span that the logs, the EMF metrics
 * and the Duration metric already give. Turn it on together with the Tracer, not before.
 */
export class ServiceFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly errorAlarm: cloudwatch.Alarm;
  readonly throttleAlarm: cloudwatch.Alarm;

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
      tracing: lambda.Tracing.DISABLED,
      timeout: settings.timeout,
      memorySize: settings.memorySize,
      ...(props.reserveConcurrency ? { reservedConcurrentExecutions: settings.reservedConcurrency } : {}),
      role: this.role,
      logGroup: this.logGroup,
      // Lambda advanced logging controls. The platform's START/END/REPORT lines are INFO system logs: at WARN
      // they are not written (a third of a quiet invocation's log bytes), while timeouts and crashes still
      // are. Duration, errors and throttles stay in Lambda's own metrics, which the alarms use. Application
      // logs at INFO and above pass: the Powertools Logger's JSON lines keep their level, and the EMF lines
      // (no level, so INFO to Lambda) still become metrics. docs/deploy.md, "Logs".
      loggingFormat: lambda.LoggingFormat.JSON,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      environment: {
        POWERTOOLS_SERVICE_NAME: serviceNameFor(props.name),
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespaceFor(props.stage),
        ...nodeOptionsFor(settings, props.sourceMapsAtRuntime === true),
        ...props.environment,
      },
      ...(props.asyncDeadLetterQueue === undefined ? {} : { deadLetterQueue: props.asyncDeadLetterQueue }),
      bundling: {
        format: nodejs.OutputFormat.ESM,
        target: FUNCTION_BUNDLING.target,
        platform: FUNCTION_BUNDLING.platform,
        mainFields: [...FUNCTION_BUNDLING.mainFields],
        minify: FUNCTION_BUNDLING.minify,
        sourceMap: FUNCTION_BUNDLING.sourceMap,
        sourcesContent: FUNCTION_BUNDLING.sourcesContent,
        externalModules: [...FUNCTION_BUNDLING.externalModules],
        banner: FUNCTION_BUNDLING.banner,
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

    // Failed invocations plus failures the code caught and answered with a 5xx (HandledFailures, EMF).
    const period = Duration.minutes(5);
    const failures = new cloudwatch.MathExpression({
      expression: 'FILL(errors, 0) + FILL(handled, 0)',
      usingMetrics: {
        errors: this.function.metricErrors({ period, statistic: 'Sum' }),
        handled: new cloudwatch.Metric({
          namespace: metricsNamespaceFor(props.stage),
          metricName: METRIC.handledFailures,
          dimensionsMap: { service: serviceNameFor(props.name) },
          period,
          statistic: 'Sum',
        }),
      },
      label: `${props.name} errors, handled or not`,
      period,
    });
    this.errorAlarm = failures.createAlarm(this, 'Errors', {
      alarmDescription:
        `${props.name} failed invocations or 5xx answers (see its log group ${this.logGroup.logGroupName}; ` +
        'docs/deploy.md, "Runbook").',
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.errorAlarm.addAlarmAction(props.alarmAction);

    // Reserved concurrency reached: API callers get 429/5xx, queue and stream work waits.
    this.throttleAlarm = this.function
      .metricThrottles({ period, statistic: 'Sum' })
      .createAlarm(this, 'Throttles', {
        alarmDescription: `${props.name} invocations were throttled at its reserved concurrency (docs/deploy.md, "Runbook").`,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.throttleAlarm.addAlarmAction(props.alarmAction);
  }
}
