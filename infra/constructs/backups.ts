import { RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * Daily snapshots kept for 35 days plus monthly ones kept for a year, in a CMK-encrypted vault. Point-in-time
 * recovery covers operator mistakes within 35 days; the plan covers longer horizons and table deletion.
 */
export class Backups extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: { key: kms.IKey; stage: string; tables: dynamodb.ITable[] },
  ) {
    super(scope, id);
    const vault = new backup.BackupVault(this, 'Vault', {
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const plan = new backup.BackupPlan(this, 'Plan', {
      backupVault: vault,
      backupPlanRules: [backup.BackupPlanRule.daily(), backup.BackupPlanRule.monthly1Year()],
    });
    plan.addSelection('Tables', {
      resources: props.tables.map((table) => backup.BackupResource.fromDynamoDbTable(table)),
    });
  }
}
