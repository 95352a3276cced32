import * as z from 'zod';
import type { DATA_TYPE_NAMES } from './data-types.js';
import { RpcStatusError } from './rpc-status-error.js';
import type { WebhookKeyset } from './webhook-keyset.js';

/**
 * The data types that support webhooks (data_subscription_service.proto: "altitude", "distance",
 * "floors", "sleep", "steps", "weight"); of those, the ones this simulator serves. Heart rate, SpO2, HRV
 * and the daily summaries never notify.
 */
export const WEBHOOK_DATA_TYPES = [
  'sleep',
  'steps',
  'weight',
] as const satisfies readonly (typeof DATA_TYPE_NAMES)[number][];

export const subscriberBodySchema = z.object({
  endpointUri: z.url(),
  subscriberConfigs: z
    .array(
      z.object({
        dataTypes: z.array(z.enum(WEBHOOK_DATA_TYPES)).min(1),
        subscriptionCreatePolicy: z.enum(['AUTOMATIC', 'MANUAL']),
      }),
    )
    .min(1),
  endpointAuthorization: z.object({ secret: z.string().min(1) }),
});

export type SubscriberBody = z.infer<typeof subscriberBodySchema>;

export interface Subscriber {
  name: string;
  endpointUri: string;
  subscriberConfigs: SubscriberBody['subscriberConfigs'];
  secret: string;
  state: 'ACTIVE';
  createTime: string;
}

export type SignatureHeader = 'X-HEALTHAPI-SIGNATURE' | 'GOOGLE-HEALTH-API-SIGNATURE';

export interface Notification {
  dataType: (typeof WEBHOOK_DATA_TYPES)[number];
  operation?: 'UPSERT' | 'DELETE';
  intervals: Array<{ startTime: string; endTime: string }>;
}

export interface NotifyOptions {
  /** Which of the two documented header names carries the signature; default X-HEALTHAPI-SIGNATURE. */
  signatureHeader?: SignatureHeader;
  /** Send the body as an array (production deliveries are arrays of up to about 99 notifications). */
  asArray?: boolean;
  /** Leave `version` out, as production deliveries do. */
  withoutVersion?: boolean;
  /** Add `clientProvidedSubscriptionName`, as production deliveries carry. */
  subscriptionName?: string;
  /** Give each interval in civil time as well (the member's zone, no offset). */
  withCivilTime?: boolean;
  /** Flip a byte of the signature, to test rejection. */
  corruptSignature?: boolean;
}

export interface DeliveryResult {
  subscriber: string;
  endpointUri: string;
  /** HTTP status, or 0 when the endpoint could not be reached. */
  status: number;
  body: string;
}

const post = async (
  uri: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> => {
  try {
    const response = await fetch(uri, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { status: 0, body: error instanceof Error ? error.message : String(error) };
  }
};

const publicView = ({ secret: _secret, ...subscriber }: Subscriber) => subscriber;

/** Project-level webhook subscribers, their endpoint verification and signed deliveries. */
export class WebhookSubscribers {
  private readonly subscribers = new Map<string, Subscriber>();
  private readonly operations = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly keyset: WebhookKeyset,
    private readonly now: () => number,
  ) {}

  /** Runs Google's two verification probes; the subscriber exists only if both pass. */
  async create(project: string, subscriberId: string, body: SubscriberBody) {
    const name = `projects/${project}/subscribers/${subscriberId}`;
    if (this.subscribers.has(name)) throw new RpcStatusError(409, 'ALREADY_EXISTS', `${name} already exists`);
    const probe = Buffer.from(JSON.stringify({ type: 'verification' }));
    const withSecret = await post(body.endpointUri, probe, {
      authorization: body.endpointAuthorization.secret,
    });
    const withoutSecret = await post(body.endpointUri, probe, {});
    const verified =
      withSecret.status === 201 && (withoutSecret.status === 401 || withoutSecret.status === 403);
    if (!verified) {
      throw new RpcStatusError(400, 'FAILED_PRECONDITION', 'Endpoint verification failed', {
        reason: 'ENDPOINT_VERIFICATION_FAILED',
        metadata: {
          withSecretStatus: String(withSecret.status),
          withoutSecretStatus: String(withoutSecret.status),
          expected: '201 with the secret, 401 or 403 without',
        },
      });
    }
    const subscriber: Subscriber = {
      name,
      endpointUri: body.endpointUri,
      subscriberConfigs: body.subscriberConfigs,
      secret: body.endpointAuthorization.secret,
      state: 'ACTIVE',
      createTime: new Date(this.now()).toISOString(),
    };
    this.subscribers.set(name, subscriber);
    // Verification has already run, so the operation is done at once; a client must still read it.
    const operation = {
      name: `projects/${project}/operations/create-subscriber-${subscriberId}`,
      done: true,
      response: {
        '@type': 'type.googleapis.com/google.devicesandservices.health.v4.Subscriber',
        ...publicView(subscriber),
      },
    };
    this.operations.set(operation.name, operation);
    return operation;
  }

  operation(name: string): Record<string, unknown> | undefined {
    return this.operations.get(name);
  }

  list(project?: string) {
    return [...this.subscribers.values()]
      .filter((subscriber) => project === undefined || subscriber.name.startsWith(`projects/${project}/`))
      .map(publicView);
  }

  delete(name: string): boolean {
    return this.subscribers.delete(name);
  }

  /**
   * POSTs one signed delivery to every subscriber with an AUTOMATIC config for the data types: one
   * notification as an object (or a one-element array with asArray), several as an array.
   */
  async notify(
    healthUserId: string,
    notifications: Notification | Notification[],
    options: NotifyOptions = {},
    civilTimeOf: (iso: string) => unknown = () => undefined,
  ) {
    const list = Array.isArray(notifications) ? notifications : [notifications];
    const items = list.map((notification) => ({
      ...(options.subscriptionName === undefined
        ? {}
        : { clientProvidedSubscriptionName: options.subscriptionName }),
      data: {
        ...(options.withoutVersion === true ? {} : { version: '1' }),
        healthUserId,
        operation: notification.operation ?? 'UPSERT',
        dataType: notification.dataType,
        intervals: notification.intervals.map((interval) => ({
          physicalTimeInterval: interval,
          ...(options.withCivilTime === true
            ? {
                civilTimeInterval: {
                  start: civilTimeOf(interval.startTime),
                  end: civilTimeOf(interval.endTime),
                },
              }
            : {}),
        })),
      },
    }));
    const single = items.length === 1 && options.asArray !== true && !Array.isArray(notifications);
    const body = Buffer.from(JSON.stringify(single ? items[0] : items));
    let signature = this.keyset.sign(body);
    if (options.corruptSignature === true) {
      const bytes = Buffer.from(signature, 'base64');
      bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 0xff;
      signature = bytes.toString('base64');
    }
    const targets = [...this.subscribers.values()].filter((subscriber) =>
      subscriber.subscriberConfigs.some(
        (config) =>
          config.subscriptionCreatePolicy === 'AUTOMATIC' &&
          list.some((notification) => config.dataTypes.includes(notification.dataType)),
      ),
    );
    const results: DeliveryResult[] = [];
    for (const subscriber of targets) {
      const response = await post(subscriber.endpointUri, body, {
        authorization: subscriber.secret,
        [(options.signatureHeader ?? 'X-HEALTHAPI-SIGNATURE').toLowerCase()]: signature,
      });
      results.push({ subscriber: subscriber.name, endpointUri: subscriber.endpointUri, ...response });
    }
    return results;
  }
}
