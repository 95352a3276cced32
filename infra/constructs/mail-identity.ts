import { Stack } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MailIdentityProps {
  /** The sender address; nothing is created without it. */
  readonly from: string | undefined;
  /** Verify the whole domain (DKIM) instead of the one address. */
  readonly domain: string | undefined;
}

/**
 * The SES identity alert emails are sent from: the domain when given (Easy DKIM; publish the CNAMEs
 * CloudFormation shows), else the sender address (SES emails it a verification link).
 */
export class MailIdentity extends Construct {
  readonly from: string | undefined;
  /** ARN the delivery function may send as; undefined when no sender is configured. */
  readonly identityArn: string | undefined;

  constructor(scope: Construct, id: string, props: MailIdentityProps) {
    super(scope, id);
    this.from = props.from;
    if (props.from === undefined) {
      this.identityArn = undefined;
      return;
    }
    const identityName = props.domain ?? props.from;
    new ses.EmailIdentity(this, 'Identity', {
      identity:
        props.domain === undefined ? ses.Identity.email(props.from) : ses.Identity.domain(props.domain),
    });
    const { partition, region, account } = Stack.of(this);
    this.identityArn = `arn:${partition}:ses:${region}:${account}:identity/${identityName}`;
  }
}
