import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every schema that reaches a function bundle goes through shared/domain/zod-mini.ts (issue 9: bundles <= 150 KB). */
const BUNDLED_SOURCES = ['shared', 'functions'];
// Classic zod is `zod` itself, or its classic entry points; `zod/mini`, `zod/v4/core` and `zod/locales` are fine.
const CLASSIC_ZOD_IMPORT = /from\s+['"]zod(?:\/v4)?(?:\/classic)?['"]/;

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => join(dir, path));

describe('zod in function code', () => {
  it('imports no classic zod, which would put ~65 KB back into every bundle that uses the file', () => {
    const classic = BUNDLED_SOURCES.flatMap(sourceFiles).filter((file) =>
      CLASSIC_ZOD_IMPORT.test(readFileSync(file, 'utf8')),
    );
    expect(classic).toEqual([]);
  });
});
