import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCAL_STACK_FILE } from '../../../cli/stack-environment.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('finding the local stack', () => {
  it('looks in the repository, whatever the working directory', () => {
    expect(LOCAL_STACK_FILE).toBe(`${repositoryRoot}.pulse-relay/local-stack.json`);
    const script = `import(${JSON.stringify(`${repositoryRoot}cli/stack-environment.ts`)}).then((m) => console.log(m.LOCAL_STACK_FILE))`;
    const tsx = pathToFileURL(`${repositoryRoot}node_modules/tsx/dist/esm/index.mjs`).href;
    const run = spawnSync(process.execPath, ['--import', tsx, '--eval', script], {
      cwd: tmpdir(),
      encoding: 'utf8',
    });
    expect(run.stdout.trim()).toBe(LOCAL_STACK_FILE);
  });
});
