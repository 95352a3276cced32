import { SourceMap, type SourceMapPayload } from 'node:module';

/** A frame position in a bundle: `index.mjs:1:12345` (1-based line and column, as Node prints them). */
const BUNDLE_POSITION = /(?:file:\/\/)?[^\s()]*index\.mjs:(\d+):(\d+)/g;

/**
 * Rewrites every bundle position in a stack trace (as logged by a function running without
 * --enable-source-maps) to the TypeScript file, line and column it came from, using the bundle's
 * index.mjs.map. Lines that name no bundle position are kept as they are.
 */
export const decodeStackTrace = (trace: string, payload: SourceMapPayload): string => {
  const map = new SourceMap(payload);
  return trace.replace(BUNDLE_POSITION, (position, line: string, column: string) => {
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1);
    if (!('originalSource' in entry)) return position;
    return `${repositoryPath(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
};

/** esbuild names sources relative to its output folder (`../../shared/...`); the repository path is the rest. */
const repositoryPath = (source: string): string => source.replace(/^(?:\.\.\/)+/, '');
