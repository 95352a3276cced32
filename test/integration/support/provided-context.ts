import type { LocalEndpoints } from '../../../local/resources.js';

/** What global-setup hands to test files through vitest's provide/inject. */
declare module 'vitest' {
  export interface ProvidedContext {
    localEndpoints: LocalEndpoints;
  }
}
