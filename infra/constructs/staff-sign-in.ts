import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface StaffSignInProps {
  readonly key: kms.IKey;
  readonly stage: string;
  /** Prefix of the Cognito hosted sign-in domain (<prefix>.auth.<region>.amazoncognito.com); globally unique. */
  readonly domainPrefix: string;
}

/**
 * Care-team staff sign-in: a Cognito user pool (admin-created users only, MFA required, threat protection
 * enforced) with its hosted sign-in domain, and the secret that seals console session cookies.
 * Federation to Microsoft Entra ID is added to this pool (docs/console.md).
 */
export class StaffSignIn extends Construct {
  readonly userPool: cognito.UserPool;
  readonly domain: cognito.UserPoolDomain;
  readonly sessionKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: StaffSignInProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'StaffUsers', {
      userPoolName: `pulse-relay-${props.stage}-staff`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      // Compromised-credential and risky sign-in detection, acted on (not only reported).
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.domain = this.userPool.addDomain('HostedSignIn', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.sessionKey = new secretsmanager.Secret(this, 'ConsoleSessionKey', {
      description:
        `pulse-relay ${props.stage}: random value the console session cookies are sealed with. Changing it ` +
        'signs every staff user out.',
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
  }

  /** The OpenID Connect issuer of the pool (its discovery document is below it). */
  get issuer(): string {
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
