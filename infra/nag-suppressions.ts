import { Validations } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type { IConstruct } from 'constructs';
import type { ServiceFunction } from './constructs/service-function.js';
import type { FunctionName } from './function-settings.js';

/**
 * Every cdk-nag finding this project accepts, with the reason. Everything else is fixed in the constructs.
 * Acknowledgements are per construct and per finding (cdk-nag 3 has no blanket suppression), so a new
 * resource or a new wildcard fails synthesis until someone decides about it here.
 */
const acknowledge = (scopes: IConstruct[], ruleIds: string[], reason: string): void => {
  for (const scope of scopes) {
    for (const id of ruleIds) Validations.of(scope).acknowledge({ id, reason });
  }
};

/** Dead-letter stores (FailureQueue): a redrive policy on them would only move failures one step further. */
const acknowledgeTerminalFailureQueues = (queues: IConstruct[]): void =>
  acknowledge(
    queues,
    ['Serverless-SQSRedrivePolicy'],
    'This queue is the dead-letter store at the end of a failure path. Nothing consumes it automatically; an ' +
      'operator inspects and redrives it, and a CloudWatch alarm fires as soon as it is not empty.',
  );

export interface StatefulFindingScopes {
  /** Secrets whose value is issued by, or registered with, Google. */
  readonly googleSecrets: IConstruct[];
  readonly consoleSessionKey: IConstruct;
  /** Queues that are themselves the end of a failure path (DLQs and on-failure destinations). */
  readonly terminalFailureQueues: IConstruct[];
  /** Failure stores that are not the redrive target of another queue. */
  readonly standaloneFailureQueues: IConstruct[];
  readonly backupSelection: IConstruct;
}

export const acknowledgeStatefulFindings = (scopes: StatefulFindingScopes): void => {
  // Secrets.
  acknowledge(
    scopes.googleSecrets,
    ['AwsSolutions-SMG4', 'HIPAA.Security-SecretsManagerRotationEnabled'],
    'The value is shared with Google (the OAuth client secret Google issues; the webhook Authorization value ' +
      "registered on the Google Health subscriber). A rotation Lambda cannot change it on Google's side, so " +
      'rotation is a manual runbook step in docs/deploy.md.',
  );
  acknowledge(
    [scopes.consoleSessionKey],
    ['AwsSolutions-SMG4', 'HIPAA.Security-SecretsManagerRotationEnabled'],
    'Rotating the console session key signs every staff user out mid-task (the console caches it per container, ' +
      'so old and new keys would also disagree for a while); it is rotated by hand with a redeploy, as in ' +
      'docs/console.md. Sessions are short-lived (30 minutes idle, 12 hours at most) whatever the key.',
  );

  acknowledgeTerminalFailureQueues(scopes.terminalFailureQueues);
  acknowledge(
    scopes.standaloneFailureQueues,
    ['AwsSolutions-SQS3'],
    'This queue is itself a dead-letter queue, referenced by a mechanism cdk-nag does not follow: the on-failure ' +
      'destination of the readings stream event source mapping, or the redrive target of the alarm email ' +
      'subscription. It is alarmed when not empty.',
  );

  // AWS Backup.
  acknowledge(
    [scopes.backupSelection],
    [
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
    ],
    'AWS Backup service role with the AWS-managed policy AWS documents for backup selections; it is assumable ' +
      'only by backup.amazonaws.com.',
  );
};

export interface ServiceFindingScopes {
  readonly functions: Record<FunctionName, ServiceFunction>;
  /** Routes that authenticate the caller inside the function instead of in API Gateway. */
  readonly selfAuthenticatingRoutes: { route: apigwv2.HttpRoute; reason: string }[];
  /** Function whose event source mapping writes failed batches to an SQS on-failure destination. */
  readonly streamConsumer: ServiceFunction;
  /** Functions invoked synchronously (API Gateway, authoriser) and by poll-based event sources. */
  readonly nonAsyncFunctions: { fn: ServiceFunction; trigger: string }[];
  readonly queueConsumerMappings: IConstruct[];
  readonly terminalFailureQueues: IConstruct[];
  /** false when the stage runs with reservedConcurrency=off (the default outside production). */
  readonly concurrencyReserved: boolean;
}

export const acknowledgeServiceFindings = (scopes: ServiceFindingScopes): void => {
  const all = Object.values(scopes.functions);
  const policies = all.map((fn) => fn.role);

  // IAM.
  acknowledge(
    policies,
    ['AwsSolutions-IAM5[Resource::*]'],
    'Only actions without resource-level permissions use "*": for the stream consumer, dynamodb:ListStreams. ' +
      'Every data action is scoped to named table, index, queue, key or secret ARNs (infra/constructs/function-bindings.ts).',
  );
  acknowledge(
    policies,
    ['HIPAA.Security-IAMNoInlinePolicy'],
    'Each function has its own role with one CDK-generated policy attached to that role only. A customer-managed ' +
      'policy per role would add no isolation; nothing else can attach it.',
  );
  acknowledge(
    [scopes.streamConsumer.role],
    ['AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]'],
    'Generated by the CDK grant that lets the stream event source send failed batches to the CMK-encrypted ' +
      'stream-failures queue; scoped to that one key ARN.',
  );

  // Lambda.
  acknowledge(
    all.map((fn) => fn.function),
    ['HIPAA.Security-LambdaInsideVPC'],
    'The functions reach only AWS regional endpoints (TLS, IAM-authenticated) and the Google Health API on the ' +
      'internet. They access no VPC resources; a VPC would add NAT gateways and endpoints without reducing ' +
      'exposure. Data is protected by IAM, KMS and TLS.',
  );
  if (!scopes.concurrencyReserved) {
    acknowledge(
      all.map((fn) => fn.function),
      ['HIPAA.Security-LambdaConcurrency'],
      'Reserved concurrency is off for this stage (reservedConcurrency=off, the default outside production) so ' +
        "a first deploy fits a new account's quota of 10. Stage and per-route API throttling still cap load; " +
        'production stages reserve it (docs/deploy.md).',
    );
  }
  acknowledge(
    all.map((fn) => fn.function),
    ['Serverless-LambdaTracing'],
    'X-Ray tracing is deliberately off: the functions create no subsegments (no Powertools Tracer, which would ' +
      'add the X-Ray SDK to every cold start), so a trace would hold only the invocation span. Each function ' +
      'has structured logs, EMF metrics and error, throttle and latency alarms instead (docs/deploy.md, "Runbook").',
  );
  for (const { fn, trigger } of scopes.nonAsyncFunctions) {
    acknowledge(
      [fn.function],
      ['HIPAA.Security-LambdaDLQ', 'Serverless-LambdaDLQ'],
      `A Lambda dead-letter queue applies only to asynchronous invocation; this function is invoked by ${trigger}.`,
    );
  }
  acknowledge(
    scopes.queueConsumerMappings,
    ['Serverless-LambdaEventSourceMappingDestination'],
    "SQS event source mappings do not support on-failure destinations: failed messages go to the queue's " +
      'dead-letter queue (sync-jobs-dlq, the alerts dead-letter queue) through its redrive policy ' +
      '(maxReceiveCount 5), which is alarmed.',
  );

  acknowledgeTerminalFailureQueues(scopes.terminalFailureQueues);

  // API Gateway.
  for (const { route, reason } of scopes.selfAuthenticatingRoutes) {
    acknowledge([route], ['AwsSolutions-APIG4'], reason);
  }
};
