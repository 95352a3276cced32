import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENV } from '../shared/runtime/environment.js';

/**
 * Written by `npm start` so the CLI finds the running local stack without any setup. Resolved from this
 * file, not the working directory, so `npx pulse-relay` works from any directory.
 */
export const LOCAL_STACK_FILE = fileURLToPath(new URL('../.pulse-relay/local-stack.json', import.meta.url));

/**
 * Points the AWS SDK and the adapters at a stack. A deployed stack is chosen by setting READINGS_TABLE
 * (and the other variables in docs/deploy.md) with AWS credentials; otherwise the running local stack is used.
 */
export const loadStackEnvironment = (): 'deployed' | 'local' => {
  if (process.env[ENV.readingsTable] !== undefined) return 'deployed';
  if (!existsSync(LOCAL_STACK_FILE)) {
    throw new Error(
      'No stack to talk to: start the local stack with `npm start` in another terminal, or set READINGS_TABLE, ' +
        'DIRECTORY_TABLE and ALERTS_TABLE (see docs/deploy.md) to use a deployed one.',
    );
  }
  const saved = JSON.parse(readFileSync(LOCAL_STACK_FILE, 'utf8')) as { environment: Record<string, string> };
  for (const [name, value] of Object.entries(saved.environment)) {
    process.env[name] ??= value;
  }
  return 'local';
};
