/**
 * AWS list prices for eu-west-2 (Europe, London), on-demand, in US dollars, without free tiers.
 * Read from the AWS pricing pages on PRICES_READ_ON; AWS changes them, so check the page (and the AWS
 * Pricing Calculator) before relying on a figure. Each price names its page.
 */
export const PRICES_READ_ON = '2026-12-02';
export const PRICE_REGION = 'eu-west-2';

export const PRICES = {
  lambda: {
    source: 'https://aws.amazon.com/lambda/pricing/',
    perMillionRequests: 0.2,
    /** Arm (Graviton), first tier. */
    perGbSecondArm: 0.0000133334,
  },
  dynamoDb: {
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    /** On-demand, Standard table class. */
    perMillionWriteUnits: 0.7425,
    perMillionReadUnits: 0.1485,
    perGbMonthStorage: 0.297,
  },
  sqs: {
    source: 'https://aws.amazon.com/sqs/pricing/',
    /** Standard queues; each 64 KB chunk of a request is one request. */
    perMillionRequests: 0.4,
    perMillionFifoRequests: 0.5,
  },
  kms: {
    source: 'https://aws.amazon.com/kms/pricing/',
    perMillionRequests: 3,
    perKeyMonth: 1,
  },
  apiGateway: {
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    /** HTTP APIs, first 300 million a month, metered in 512 KB increments. */
    perMillionHttpRequests: 1.11,
  },
  cloudWatch: {
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    perGbLogsIngested: 0.5985,
    perGbMonthLogsStored: 0.0315,
    /** Each distinct metric (name plus dimension values), first 10,000. */
    perMetricMonth: 0.3,
    perStandardAlarmMonth: 0.1,
  },
  secretsManager: {
    source: 'https://aws.amazon.com/secrets-manager/pricing/',
    perSecretMonth: 0.4,
    perMillionApiCalls: 5,
  },
  ses: {
    source: 'https://aws.amazon.com/ses/pricing/',
    /**
     * Outbound email, à la carte (no pricing plan: `aws sesv2 put-account-pricing-attributes --plan NONE`,
     * docs/deploy.md), sent from Lambda, no attachments: $0.10 per 1,000 recipients. Since July 2026 SES also
     * has pricing plans (PutAccountPricingAttributes: NONE, ESSENTIALS, PRO, ENTERPRISE, SES API v2
     * reference) and assigns Essentials to new accounts, at about $0.16 per 1,000 in us-east-1 (AWS Price
     * List as transcribed by a third party; the pricing page itself could not be read from here). The
     * eu-west-2 à la carte rate was NOT verified from here on PRICES_READ_ON. Check the page.
     */
    perThousandEmails: 0.1,
  },
  cognito: {
    source: 'https://aws.amazon.com/cognito/pricing/',
    /**
     * User pools, Plus feature plan (threat protection, infra/constructs/staff-sign-in.ts), per monthly active
     * user; Plus has no free tier. $0.020 is the rate of the page's own worked example (the page's tables
     * render per region and could not be read from here), confirmed on PRICES_READ_ON only through a third
     * party's transcription of the page (Essentials $0.015, Lite $0.0055); the eu-west-2 rate was NOT
     * verified from here. Check the page.
     */
    perPlusMonthlyActiveUser: 0.02,
  },
} as const;

export type Prices = typeof PRICES;
