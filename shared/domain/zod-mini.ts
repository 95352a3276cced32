import { en } from 'zod/locales';
import { config } from 'zod/mini';

/**
 * The zod every function bundles: `zod/mini`, whose functional API tree-shakes to a fraction of the
 * classic one (issue 9, bundles <= 150 KB). Import it as `import * as z from '.../zod-mini.js'`.
 * Unlike classic zod it loads no messages by itself; the English ones are what people read in 4xx
 * answers, so they are loaded here, before any schema runs.
 */
config(en());

export * from 'zod/mini';
