import { buildApp } from 'fauxqs';
import { LOCAL_REGION } from './local-aws.js';
import { resolveLocalhostSubdomains } from './localhost-dns.js';

export interface SqsEmulator {
  /** Same origin as the queue URLs fauxqs hands out, so the SQS client never re-targets requests. */
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface SqsEmulatorOptions {
  /** 0 or absent: a free port. */
  readonly port?: number;
  readonly region?: string;
}

/**
 * Starts fauxqs in this process, listening on 127.0.0.1 only. Built from `buildApp` rather than
 * `startFauxqs`, which always listens on every interface and would expose the queues to the network.
 */
export const startSqsEmulator = async (options: SqsEmulatorOptions = {}): Promise<SqsEmulator> => {
  resolveLocalhostSubdomains();
  const region = options.region ?? LOCAL_REGION;
  const app = buildApp({ logger: false, defaultRegion: region });
  const address = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const port = Number(new URL(address).port);
  let stopping: Promise<void> | undefined;
  return {
    endpoint: `http://sqs.${region}.localhost:${port}`,
    port,
    stop: () => {
      stopping ??= app.close();
      return stopping;
    },
  };
};
