import { en } from 'zod/locales';
import { config, globalRegistry, never, unknown, type ZodMiniObject, ZodMiniType } from 'zod/mini';
import {
  $constructor,
  type $loose,
  type $strict,
  type $strip,
  type $ZodLooseShape,
  $ZodObjectJIT,
} from 'zod/v4/core';

/**
 * The zod every function bundles: `zod/mini`, whose functional API tree-shakes to a fraction of the
 * classic one (issue 9, bundles <= 150 KB). Import it as `import * as z from '.../zod-mini.js'`.
 * Unlike classic zod it loads no messages by itself; the English ones are what people read in 4xx
 * answers, so they are loaded here, before any schema runs.
 */
config(en());

export * from 'zod/mini';

/**
 * Objects parse through zod's compiled fast path, as classic zod's do; mini's own objects take the
 * generic path, which halves validation throughput on uploads and Google pages.
 */
const ZodMiniObjectJit = $constructor(
  'ZodMiniObject',
  (inst: ZodMiniObject, def: ZodMiniObject['_zod']['def']) => {
    $ZodObjectJIT.init(inst, def);
    ZodMiniType.init(inst, def);
    Object.defineProperty(inst, 'shape', { get: () => def.shape, enumerable: false, configurable: true });
  },
);

const objectOf = <T extends $ZodLooseShape, Config extends $strip | $strict | $loose>(
  shape: T,
  catchall: ZodMiniType | undefined,
) =>
  new ZodMiniObjectJit({
    type: 'object',
    shape,
    ...(catchall === undefined ? {} : { catchall }),
  } as never) as unknown as ZodMiniObject<{ -readonly [K in keyof T]: T[K] }, Config>;

export const object = <T extends $ZodLooseShape>(shape: T) => objectOf<T, $strip>(shape, undefined);
export const strictObject = <T extends $ZodLooseShape>(shape: T) => objectOf<T, $strict>(shape, never());
export const looseObject = <T extends $ZodLooseShape>(shape: T) => objectOf<T, $loose>(shape, unknown());

/**
 * A copy of `schema` with a description for JSON Schema and OpenAPI. Mini's `z.describe()` is a check that
 * runs on every parse; on the upload path that cost a third of validation throughput, so hot schemas use this.
 */
export const described = <T extends ZodMiniType>(schema: T, description: string): T => {
  const copy = schema.clone() as T;
  globalRegistry.add(copy, { description });
  return copy;
};
