import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLES, type TableSpec } from '../../shared/runtime/resource-catalogue.js';

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/** The three tables as the resource catalogue declares them. Health data: retained, recoverable, CMK-encrypted. */
export class Tables extends Construct {
  readonly readings: dynamodb.Table;
  readonly directory: dynamodb.Table;
  readonly alerts: dynamodb.Table;

  constructor(scope: Construct, id: string, props: { key: kms.IKey }) {
    super(scope, id);
    const table = (constructId: string, spec: TableSpec): dynamodb.Table => {
      const created = new dynamodb.Table(this, constructId, {
        partitionKey: stringKey(spec.key.partitionKey),
        sortKey: stringKey(spec.key.sortKey),
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: props.key,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
        ...(spec.stream === undefined ? {} : { stream: dynamodb.StreamViewType[spec.stream] }),
        ...(spec.timeToLiveAttribute === undefined ? {} : { timeToLiveAttribute: spec.timeToLiveAttribute }),
      });
      for (const index of spec.indexes) {
        created.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: stringKey(index.partitionKey),
          sortKey: stringKey(index.sortKey),
        });
      }
      return created;
    };
    this.readings = table('Readings', TABLES.readings);
    this.directory = table('Directory', TABLES.directory);
    this.alerts = table('Alerts', TABLES.alerts);
  }

  get all(): dynamodb.Table[] {
    return [this.readings, this.directory, this.alerts];
  }
}
