import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRIC } from '../../../shared/runtime/metric-catalogue.js';

/** The metric names in the table under "## Metrics" in docs/deploy.md, the list operators alarm and graph on. */
const documentedMetrics = (): string[] => {
  const deploy = readFileSync(new URL('../../../docs/deploy.md', import.meta.url), 'utf8');
  const section = deploy.split(/^## Metrics$/m)[1]?.split(/^## /m)[0] ?? '';
  return [...section.matchAll(/^\| `(\w+)`/gm)].map((match) => match[1] ?? '');
};

describe('docs/deploy.md metrics table', () => {
  it('lists every metric the functions emit, and only those (plus the access-log metric filter)', () => {
    expect(documentedMetrics().sort()).toEqual([...Object.values(METRIC), 'ApiThrottled'].sort());
  });
});
