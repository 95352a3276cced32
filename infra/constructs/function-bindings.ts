import { Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { ENV } from '../../shared/runtime/environment.js';

export type TableAccess = 'read' | 'readWrite';

/** First segment of the directory's partition keys (shared/adapters/table-keys.ts). */
export type DirectoryItemKind =
  | 'MEMBER'
  | 'DEVICE'
  | 'INVITE'
  | 'HEALTHUSER'
  | 'AUDIT'
  // A care team's delivery channels (TEAM#<teamId>) and the delivery records (DELIVERY#<memberId>).
  | 'TEAM'
  | 'DELIVERY'
  // Staff users and their teams (STAFF#<email>).
  | 'STAFF';

/**
 * Directory access narrowed to item kinds with an IAM `dynamodb:LeadingKeys` condition: a function reads
 * and writes only the partitions it names, so the public webhook or the link pages cannot read device
 * credentials or audit records even with a bug. `index` adds Query on gsi1: `true` for any of its
 * partitions, or the gsi1 partition values the function lists (an index query's leading key is the
 * index's partition key, so the same condition narrows it, e.g. to the member list `MEMBERS`).
 */
export interface DirectoryAccess {
  readonly read: readonly DirectoryItemKind[];
  readonly write?: readonly DirectoryItemKind[];
  readonly index?: boolean | readonly DirectoryIndexPartition[];
}

/** gsi1 partitions of the directory (shared/adapters/table-keys.ts): the member list and the staff list. */
export type DirectoryIndexPartition = 'MEMBERS' | 'STAFF';

/** A table without its index: for functions that only look items up by member (the console). */
export interface BaseTableAccess {
  readonly access: TableAccess;
  readonly index: false;
}

/** What a function may touch. Each entry sets the environment variable and the matching least-privilege grant. */
export interface FunctionBindings {
  readonly readings?: TableAccess;
  /** A whole-table grant only for operators' tools and catch-up; functions name the item kinds they use. */
  readonly directory?: TableAccess | DirectoryAccess;
  readonly alerts?: TableAccess | BaseTableAccess;
  readonly alertQueue?: 'send';
  readonly syncQueue?: 'send';
  /** Envelope encryption of OAuth tokens: GenerateDataKey to seal, Decrypt to open (token-vault-kms.ts). */
  readonly tokenKey?: 'envelope';
  readonly googleClientSecret?: 'read';
  /** The Google Health webhook's Authorization value, read at run time (webhook-authorization-source.ts). */
  readonly webhookAuthorizationSecret?: 'read';
  /** Send alert emails as the SES identity, from its one sender address (and nothing else). */
  readonly mail?: 'send';
  /**
   * Open the care teams' webhook signing secrets (TEAM#<teamId>/WEBHOOKSECRET, kms-webhook-secrets.ts): Decrypt
   * on the token key, only for data keys bound to a team; the TEAM items themselves come with `directory`.
   */
  readonly teamWebhookSecrets?: 'read';
  /** The secret the console seals its session cookies with. */
  readonly consoleSessionKey?: 'read';
}

export interface BindableResources {
  readonly readingsTable: dynamodb.ITable;
  readonly directoryTable: dynamodb.ITable;
  readonly alertsTable: dynamodb.ITable;
  readonly alertQueue: sqs.IQueue;
  readonly syncQueue: sqs.IQueue;
  readonly tokenKey: kms.IKey;
  readonly googleClientSecret: secretsmanager.ISecret;
  readonly webhookAuthorizationSecret: secretsmanager.ISecret;
  readonly mailIdentityArn: string | undefined;
  readonly mailFrom: string | undefined;
  readonly consoleSessionKey: secretsmanager.ISecret;
}

// Explicit action lists instead of CDK's grantReadData/grantReadWriteData: no Scan, no index/* wildcard,
// no kms:ReEncrypt*/GenerateDataKey* wildcards, and key use only through the owning service.
export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
const KEY_DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
/**
 * The token key seals two kinds of data key, told apart by their EncryptionContext: a member's Google tokens
 * ({memberId}) and a care team's webhook secret ({teamId}). A request without the named key fails StringLike.
 */
const MEMBER_CONTEXT = 'kms:EncryptionContext:memberId';
const TEAM_CONTEXT = 'kms:EncryptionContext:teamId';
const KEY_ENCRYPT_ACTIONS = ['kms:Encrypt', 'kms:GenerateDataKey'];

/** Secondary indexes by table; each is named in the policy rather than granted as index/*. */
const INDEX_NAMES = { readings: [], directory: ['gsi1'], alerts: ['gsi1'] } as const;

const allowKeyVia = (
  fn: lambda.Function,
  key: kms.IKey | undefined,
  service: string,
  actions: string[],
): void => {
  if (key === undefined) return;
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions,
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `${service}.${Stack.of(fn).region}.amazonaws.com` } },
    }),
  );
};

const bindTable = (
  fn: lambda.Function,
  table: dynamodb.ITable,
  indexNames: readonly string[],
  variable: string,
  access: TableAccess | undefined,
): void => {
  if (access === undefined) return;
  fn.addEnvironment(variable, table.tableName);
  const write = access === 'readWrite';
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: write ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : TABLE_READ_ACTIONS,
      resources: [table.tableArn, ...indexNames.map((index) => `${table.tableArn}/index/${index}`)],
    }),
  );
  allowKeyVia(
    fn,
    table.encryptionKey,
    'dynamodb',
    write ? [...KEY_DECRYPT_ACTIONS, ...KEY_ENCRYPT_ACTIONS] : KEY_DECRYPT_ACTIONS,
  );
};

const bindQueueSend = (fn: lambda.Function, queue: sqs.IQueue, variable: string): void => {
  fn.addEnvironment(variable, queue.queueUrl);
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
      resources: [queue.queueArn],
    }),
  );
  allowKeyVia(fn, queue.encryptionMasterKey, 'sqs', ['kms:GenerateDataKey', 'kms:Decrypt']);
};

const bindSecretRead = (fn: lambda.Function, secret: secretsmanager.ISecret, variable: string): void => {
  fn.addEnvironment(variable, secret.secretArn);
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: [secret.secretArn],
    }),
  );
  allowKeyVia(fn, secret.encryptionKey, 'secretsmanager', ['kms:Decrypt']);
};

const leadingKeys = (kinds: readonly DirectoryItemKind[]) => ({
  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': kinds.map((kind) => `${kind}#*`) },
});

const bindDirectoryItems = (fn: lambda.Function, table: dynamodb.ITable, access: DirectoryAccess): void => {
  fn.addEnvironment(ENV.directoryTable, table.tableName);
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: TABLE_READ_ACTIONS,
      resources: [table.tableArn],
      conditions: leadingKeys(access.read),
    }),
  );
  const write = access.write ?? [];
  if (write.length > 0) {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: TABLE_WRITE_ACTIONS,
        resources: [table.tableArn],
        conditions: leadingKeys(write),
      }),
    );
  }
  if (access.index !== undefined && access.index !== false) {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: INDEX_NAMES.directory.map((index) => `${table.tableArn}/index/${index}`),
        ...(access.index === true
          ? {}
          : { conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': access.index } } }),
      }),
    );
  }
  allowKeyVia(
    fn,
    table.encryptionKey,
    'dynamodb',
    write.length > 0 ? [...KEY_DECRYPT_ACTIONS, ...KEY_ENCRYPT_ACTIONS] : KEY_DECRYPT_ACTIONS,
  );
};

export const bindFunction = (
  fn: lambda.Function,
  resources: BindableResources,
  bindings: FunctionBindings,
): void => {
  bindTable(fn, resources.readingsTable, INDEX_NAMES.readings, ENV.readingsTable, bindings.readings);
  if (typeof bindings.directory === 'object') {
    bindDirectoryItems(fn, resources.directoryTable, bindings.directory);
  } else {
    bindTable(fn, resources.directoryTable, INDEX_NAMES.directory, ENV.directoryTable, bindings.directory);
  }
  if (typeof bindings.alerts === 'object') {
    bindTable(fn, resources.alertsTable, [], ENV.alertsTable, bindings.alerts.access);
  } else {
    bindTable(fn, resources.alertsTable, INDEX_NAMES.alerts, ENV.alertsTable, bindings.alerts);
  }
  if (bindings.alertQueue === 'send') bindQueueSend(fn, resources.alertQueue, ENV.alertQueueUrl);
  if (bindings.syncQueue === 'send') bindQueueSend(fn, resources.syncQueue, ENV.syncQueueUrl);
  if (bindings.tokenKey === 'envelope') {
    fn.addEnvironment(ENV.tokenKmsKeyId, resources.tokenKey.keyArn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [resources.tokenKey.keyArn],
        // Only data keys bound to a member (token-vault-kms.ts): never a team's webhook secret.
        conditions: { StringLike: { [MEMBER_CONTEXT]: '*' } },
      }),
    );
  }
  if (bindings.googleClientSecret === 'read') {
    bindSecretRead(fn, resources.googleClientSecret, ENV.googleClientSecretArn);
  }
  if (bindings.consoleSessionKey === 'read') {
    bindSecretRead(fn, resources.consoleSessionKey, ENV.consoleSessionKeySecretArn);
  }
  if (bindings.webhookAuthorizationSecret === 'read') {
    // The ARN only: the value never enters the template or the function's configuration.
    fn.addEnvironment(ENV.webhookAuthorizationArn, resources.webhookAuthorizationSecret.secretArn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [resources.webhookAuthorizationSecret.secretArn],
      }),
    );
    allowKeyVia(fn, resources.webhookAuthorizationSecret.encryptionKey, 'secretsmanager', ['kms:Decrypt']);
  }
  if (bindings.mail === 'send') bindMailSend(fn, resources);
  if (bindings.teamWebhookSecrets === 'read') {
    fn.addEnvironment(ENV.teamWebhookSecretKmsKeyId, resources.tokenKey.keyArn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [resources.tokenKey.keyArn],
        // Only data keys bound to a team (kms-webhook-secrets.ts): never a member's Google tokens.
        conditions: { StringLike: { [TEAM_CONTEXT]: '*' } },
      }),
    );
  }
};

/** SES v2 SendEmail as the one configured identity; without one the function has no mail permission. */
const bindMailSend = (fn: lambda.Function, resources: BindableResources): void => {
  fn.addEnvironment(ENV.mailFrom, resources.mailFrom ?? 'not-configured');
  if (resources.mailIdentityArn === undefined) return;
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [resources.mailIdentityArn],
      conditions: { StringEquals: { 'ses:FromAddress': resources.mailFrom } },
    }),
  );
};
