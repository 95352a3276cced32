import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Runs a benchmark script in its own Node process and parses the JSON it prints. Each local stack must
 * load the handlers fresh: they read their configuration and build clients when first imported.
 */
export const inFreshProcess = async <T>(
  script: string,
  environment: Record<string, string> = {},
): Promise<T> => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, ...environment },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T;
};
