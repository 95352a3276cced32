import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { loopbackDynamoDbLocalCommand } from './dynamodb-local-launcher.js';
import { findFreePort } from './free-port.js';
import { requireJava } from './java-requirement.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws.js';
import { onProcessEnd } from './process-cleanup.js';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** Kills the JVM and its process group; resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** 0 or absent: a free port. */
  readonly port?: number;
  readonly startTimeoutMs?: number;
}

export class DynamoDbLocalStartError extends Error {
  override readonly name = 'DynamoDbLocalStartError';
}

const killGroup = (child: ChildProcess, signal: NodeJS.Signals): void => {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Negative pid: the whole process group (the child was spawned detached, as group leader).
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
};

const waitForExit = (child: ChildProcess, timeoutMs: number): Promise<boolean> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(true);
      return;
    }
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

/**
 * Starts DynamoDB Local (in memory, shared database so every credential sees the same tables) on a
 * free port of 127.0.0.1 only (local/dynamodb-local/LoopbackDynamoDbLocal.java) and resolves once it
 * answers ListTables. Checks Java first, so nothing is started when Java is missing.
 */
export const startDynamoDbLocal = async (options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> => {
  const java = await requireJava();
  const port = options.port !== undefined && options.port !== 0 ? options.port : await findFreePort();
  const command = await loopbackDynamoDbLocalCommand(java, port);
  // Detached: the JVM leads its own process group, so stop() can kill the group.
  const child = spawn(command.executable, command.args, { cwd: command.cwd, detached: true, stdio: 'pipe' });
  const unregister = onProcessEnd(() => killGroup(child, 'SIGKILL'));

  let output = '';
  const collect = (chunk: Buffer) => {
    output = `${output}${chunk.toString('utf8')}`.slice(-4_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      killGroup(child, 'SIGTERM');
      if (!(await waitForExit(child, 3_000))) {
        killGroup(child, 'SIGKILL');
        await waitForExit(child, 3_000);
      }
      unregister();
      child.stdout?.destroy();
      child.stderr?.destroy();
    })();
    return stopping;
  };

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  try {
    for (;;) {
      if (spawnError !== undefined || child.exitCode !== null) {
        throw new DynamoDbLocalStartError(
          `DynamoDB Local exited before it was ready (${spawnError?.message ?? `exit code ${child.exitCode}`}).\n${output}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch {
        if (Date.now() > deadline) {
          throw new DynamoDbLocalStartError(
            `DynamoDB Local did not answer on ${endpoint} in time.\n${output}`,
          );
        }
        await sleep(100);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, port, stop };
};
