import { type FauxqsServer, startFauxqs } from 'fauxqs';
import { LOCAL_REGION } from './local-aws.js';
import { resolveLocalhostSubdomains } from './localhost-dns.js';

export interface SqsEmulator {
  /** Same origin as the queue URLs fauxqs hands out, so the SQS client never re-targets requests. */
  readonly endpoint: string;
  readonly port: number;
  readonly server: FauxqsServer;
  stop(): Promise<void>;
}

export interface SqsEmulatorOptions {
  /** 0 or absent: a free port. */
  readonly port?: number;
  readonly region?: string;
}

/** Starts fauxqs in this process. */
export const startSqsEmulator = async (options: SqsEmulatorOptions = {}): Promise<SqsEmulator> => {
  resolveLocalhostSubdomains();
  const region = options.region ?? LOCAL_REGION;
  const server = await startFauxqs({ port: options.port ?? 0, logger: false, defaultRegion: region });
  let stopping: Promise<void> | undefined;
  return {
    endpoint: `http://sqs.${region}.localhost:${server.port}`,
    port: server.port,
    server,
    stop: () => {
      stopping ??= server.stop();
      return stopping;
    },
  };
};
