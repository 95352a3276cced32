import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/** The three tables (key layout in shared/adapters/table-keys.ts). Health data: retained, recoverable, CMK-encrypted. */
export class Tables extends Construct {
  readonly readings: dynamodb.Table;
  readonly directory: dynamodb.Table;
  readonly alerts: dynamodb.Table;

  constructor(scope: Construct, id: string, props: { key: kms.IKey }) {
    super(scope, id);
    const common = {
      partitionKey: stringKey('pk'),
      sortKey: stringKey('sk'),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    };

    // Every written reading reaches alert evaluation through this stream, whatever its source.
    this.readings = new dynamodb.Table(this, 'Readings', {
      ...common,
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    });

    // Expired invitations disappear (their `ttl` is 30 days after expiry); read paths never rely on it.
    this.directory = new dynamodb.Table(this, 'Directory', { ...common, timeToLiveAttribute: 'ttl' });
    this.directory.addGlobalSecondaryIndex({
      indexName: 'gsi1',
      partitionKey: stringKey('gsi1pk'),
      sortKey: stringKey('gsi1sk'),
    });

    this.alerts = new dynamodb.Table(this, 'Alerts', common);
    this.alerts.addGlobalSecondaryIndex({
      indexName: 'gsi1',
      partitionKey: stringKey('gsi1pk'),
      sortKey: stringKey('gsi1sk'),
    });
  }

  get all(): dynamodb.Table[] {
    return [this.readings, this.directory, this.alerts];
  }
}
