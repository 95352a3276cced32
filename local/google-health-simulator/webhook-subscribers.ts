import * as z from 'zod';
import { DATA_TYPE_NAMES } from './data-types.js';
import { RpcStatusError } from './rpc-status-error.js';
import type { WebhookKeyset } from './webhook-keyset.js';

export const subscriberBodySchema = z.object({
  endpointUri: z.url(),
  subscriberConfigs: z
    .array(
      z.object({
        dataTypes: z.array(z.enum(DATA_TYPE_NAMES)).min(1),
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
  dataType: (typeof DATA_TYPE_NAMES)[number];
  operation?: 'UPSERT' | 'DELETE';
  intervals: Array<{ startTime: string; endTime: string }>;
}

export interface NotifyOptions {
  /** Which of the two documented header names carries the signature; default X-HEALTHAPI-SIGNATURE. */
  signatureHeader?: SignatureHeader;
  /** Send the body as a one-element array (some reports say Google does). */
  asArray?: boolean;
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
    return publicView(subscriber);
  }

  list(project?: string) {
    return [...this.subscribers.values()]
      .filter((subscriber) => project === undefined || subscriber.name.startsWith(`projects/${project}/`))
      .map(publicView);
  }

  delete(name: string): boolean {
    return this.subscribers.delete(name);
  }

  /** POSTs a signed notification to every subscriber with an AUTOMATIC config for the data type. */
  async notify(healthUserId: string, notification: Notification, options: NotifyOptions = {}) {
    const data = {
      data: {
        version: '1',
        healthUserId,
        operation: notification.operation ?? 'UPSERT',
        dataType: notification.dataType,
        intervals: notification.intervals.map((interval) => ({ physicalTimeInterval: interval })),
      },
    };
    const body = Buffer.from(JSON.stringify(options.asArray === true ? [data] : data));
    let signature = this.keyset.sign(body);
    if (options.corruptSignature === true) {
      const bytes = Buffer.from(signature, 'base64');
      bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 0xff;
      signature = bytes.toString('base64');
    }
    const targets = [...this.subscribers.values()].filter((subscriber) =>
      subscriber.subscriberConfigs.some(
        (config) =>
          config.subscriptionCreatePolicy === 'AUTOMATIC' && config.dataTypes.includes(notification.dataType),
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
