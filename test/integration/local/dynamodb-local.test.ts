import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { compileLauncher, findDynamoDbLocalDistribution } from '../../../local/dynamodb-local-launcher.js';
import { JavaMissingError, parseJavaMajorVersion, requireJava } from '../../../local/java-requirement.js';
import { dynamoDbLocalPids } from '../support/java-processes.js';
import { waitUntil } from '../support/wait-until.js';

const CHILD_SCRIPT = new URL('../support/run-dynamodb-local.ts', import.meta.url).pathname;

/** Starts DynamoDB Local in a child Node process and returns it with the port it reported. */
const startInChild = async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<number>((resolve, reject) => {
    lines.once('line', (line) => resolve(Number(JSON.parse(line).port)));
    child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
  });
  return { child, port };
};

describe('Java requirement', () => {
  it('reads modern and legacy java -version output', () => {
    expect(parseJavaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajorVersion('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajorVersion('no java here')).toBeUndefined();
  });

  it('explains how to install Java when it is missing', async () => {
    const failure = requireJava({ ...process.env, JAVA_HOME: '/nonexistent/jdk' });

    await expect(failure).rejects.toBeInstanceOf(JavaMissingError);
    await expect(failure).rejects.toThrow(/sudo apt-get install -y openjdk-17-jre-headless/);
    await expect(failure).rejects.toThrow(/brew install openjdk@17/);
    await expect(failure).rejects.toThrow(/JAVA_HOME/);
  });

  it('rejects Java older than 17', async () => {
    await expect(requireJava(process.env, 99)).rejects.toThrow(/too old/);
  });
});

describe('the launcher that keeps DynamoDB Local on 127.0.0.1', () => {
  const withCacheDirectory = async (use: (directory: string) => Promise<void>) => {
    const directory = await mkdtemp(join(tmpdir(), 'pulse-relay-launcher-'));
    try {
      await use(directory);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  };

  it('is compiled once on a clean clone, even when two starts race, and reused after', async () => {
    await withCacheDirectory(async (cache) => {
      const java = await requireJava();
      const distribution = findDynamoDbLocalDistribution();

      const [first, second] = await Promise.all([
        compileLauncher(java, distribution, cache),
        compileLauncher(java, distribution, cache),
      ]);
      const again = await compileLauncher(java, distribution, cache);

      expect(second).toBe(first);
      expect(again).toBe(first);
      // One class directory; neither racer's staging copy is left behind.
      expect(await readdir(cache)).toEqual([first.slice(cache.length + 1)]);
      expect(await readdir(first)).toEqual(['LoopbackDynamoDbLocal.class']);
    });
  });

  it('says what to install when the Java runtime has no compiler to build it with', async () => {
    await withCacheDirectory(async (cache) => {
      const java = await requireJava();
      // The compiler modules made unavailable, as in a JRE-only distribution.
      const previous = process.env.JDK_JAVA_OPTIONS;
      process.env.JDK_JAVA_OPTIONS = '--limit-modules java.base';
      try {
        const failure = compileLauncher(java, findDynamoDbLocalDistribution(), cache);
        await expect(failure).rejects.toBeInstanceOf(JavaMissingError);
        await expect(failure).rejects.toThrow(/no compiler \(module jdk\.compiler\)/);
        await expect(failure).rejects.toThrow(/openjdk-17-jre-headless/);
      } finally {
        if (previous === undefined) delete process.env.JDK_JAVA_OPTIONS;
        else process.env.JDK_JAVA_OPTIONS = previous;
      }
      expect(await readdir(cache)).toEqual([]);
    });
  });
});

describe('DynamoDB Local lifecycle', () => {
  // Stopping through stop() is covered by local-stack.test.ts; here the parent is signalled.
  it('kills the JVM when its parent process gets SIGTERM or SIGINT', async () => {
    const children = await Promise.all([startInChild(), startInChild()]);
    const signals = ['SIGTERM', 'SIGINT'] as const;
    for (const { port } of children) expect(await dynamoDbLocalPids(port)).toHaveLength(1);

    await Promise.all(
      children.map(({ child }, index) => {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill(signals[index]);
        return exited;
      }),
    );

    for (const { port } of children) {
      await waitUntil(async () => (await dynamoDbLocalPids(port)).length === 0, {
        timeoutMs: 5_000,
        description: `the JVM on port ${port} to exit`,
      });
    }
  });
});
