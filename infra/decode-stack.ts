import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { decodeStackTrace } from './stack-trace-decoder.js';

/**
 * `npm run decode-stack -- --map <index.mjs.map> [file]`: prints a stack trace copied from a function's
 * logs with each bundle position mapped to the TypeScript source. Reads the trace from the file, or stdin.
 * The map ships in the function's deployment package (docs/deploy.md, "Stack traces").
 */
const { values, positionals } = parseArgs({
  options: { map: { type: 'string' } },
  allowPositionals: true,
});
if (values.map === undefined) {
  process.stderr.write('Usage: npm run decode-stack -- --map <index.mjs.map> [trace-file]   (else stdin)\n');
  process.exit(2);
}
const trace = readFileSync(positionals[0] ?? 0, 'utf8');
process.stdout.write(decodeStackTrace(trace, JSON.parse(readFileSync(values.map, 'utf8'))));
