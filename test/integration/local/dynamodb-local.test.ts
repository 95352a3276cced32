import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
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
