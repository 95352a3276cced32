import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { FUNCTION_BUNDLING } from '../../infra/function-bundling.js';
import { decodeStackTrace } from '../../infra/stack-trace-decoder.js';

const FIXTURE = 'test/fixtures/stack-trace/fails-deep-inside.ts';

/** Bundles the fixture as functions are deployed (minified, separate map without sources) and runs it. */
const minifiedStackTrace = async () => {
  mkdirSync('.pulse-relay', { recursive: true });
  const outfile = join(mkdtempSync(join(process.cwd(), '.pulse-relay', 'stack-')), 'index.mjs');
  await build({
    entryPoints: [FIXTURE],
    outfile,
    bundle: true,
    minify: FUNCTION_BUNDLING.minify,
    format: FUNCTION_BUNDLING.format,
    platform: FUNCTION_BUNDLING.platform,
    sourcemap: FUNCTION_BUNDLING.sourceMap,
    sourcesContent: FUNCTION_BUNDLING.sourcesContent,
    logLevel: 'silent',
  });
  // A plain Node process, as on Lambda without --enable-source-maps (vitest would map the trace itself).
  const run = `import(${JSON.stringify(pathToFileURL(outfile).href)}).then((bundle) => {
    try { bundle.handler([{ systolic: 120 }, { systolic: 400 }]); } catch (error) { process.stdout.write(error.stack); }
  });`;
  const stack = execFileSync(process.execPath, ['--input-type=module', '-e', run]).toString();
  return { stack, map: JSON.parse(readFileSync(`${outfile}.map`, 'utf8')) };
};

describe('decodeStackTrace', () => {
  it('maps the minified positions of a trace back to the TypeScript file and line', async () => {
    const { stack, map } = await minifiedStackTrace();
    expect(map.sourcesContent).toBeUndefined();
    expect(stack).toMatch(/index\.mjs:1:\d+/);

    const decoded = decodeStackTrace(stack, map);

    expect(decoded).toContain('Error: systolic out of range');
    // The throw is on line 4 and the map call on line 9 of the fixture.
    expect(decoded).toMatch(new RegExp(`${FIXTURE}:4:\\d+`));
    expect(decoded).toMatch(new RegExp(`${FIXTURE}:9:\\d+`));
    expect(decoded).not.toMatch(/index\.mjs:1:/);
  });

  it('leaves lines that name no bundle position as they are', () => {
    const trace =
      'Error: boom\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)';
    expect(decodeStackTrace(trace, { version: 3, sources: [], names: [], mappings: '' } as never)).toBe(
      trace,
    );
  });
});
