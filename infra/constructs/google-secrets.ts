import { RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface GoogleSecretsProps {
  readonly key: kms.IKey;
  readonly stage: string;
  /** Complete ARN of an existing secret with the Google OAuth client secret; created (placeholder) when absent. */
  readonly clientSecretArn: string | undefined;
}

/** Secrets shared with Google: the OAuth client secret and the webhook endpoint's Authorization value. */
export class GoogleSecrets extends Construct {
  readonly clientSecret: secretsmanager.ISecret;
  readonly webhookAuthorization: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: GoogleSecretsProps) {
    super(scope, id);
    this.clientSecret =
      props.clientSecretArn === undefined
        ? new secretsmanager.Secret(this, 'ClientSecret', {
            description:
              `pulse-relay ${props.stage}: Google OAuth client secret. Created with a random placeholder; ` +
              'replace it with the client secret from the Google Cloud console (see docs/deploy.md).',
            encryptionKey: props.key,
            removalPolicy: RemovalPolicy.RETAIN,
          })
        : secretsmanager.Secret.fromSecretCompleteArn(this, 'ClientSecret', props.clientSecretArn);

    this.webhookAuthorization = new secretsmanager.Secret(this, 'WebhookAuthorization', {
      description:
        `pulse-relay ${props.stage}: exact Authorization header value Google Health sends with webhook ` +
        'deliveries. Register it as endpointAuthorization.secret on the Google Health subscriber.',
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
  }
}
