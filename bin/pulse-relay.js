#!/usr/bin/env node
// Runs the TypeScript CLI from source, so a clone needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
