import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface FunctionFigure {
  name: string;
  bundleBytes: number;
  /** Cold module init, loading the AWS SDK from node_modules as the Lambda runtime does. */
  initMs: number;
  /** The same with the SDK clients already loaded: the share that is this project's own code. */
  initMsOwnCode: number;
}

/** Same settings as the CDK function construct: minified ESM, AWS SDK left to the runtime. */
const bundleFunction = async (entry: string, outfile: string) =>
  build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    external: ['@aws-sdk/*'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'silent',
  });

/** Module init: a fresh Node process imports the bundle; the median of several cold starts is reported. */
const SDK_MODULES = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@aws-sdk/client-sqs',
  '@aws-sdk/client-kms',
  '@aws-sdk/client-secrets-manager',
];

const measureInitMs = (bundlePath: string, runs: number, preloadSdk: boolean): number => {
  const probe = join(bundlePath, '..', preloadSdk ? 'probe-preloaded.mjs' : 'probe.mjs');
  const preload = preloadSdk ? SDK_MODULES.map((name) => `await import('${name}');`).join(' ') : '';
  writeFileSync(
    probe,
    `${preload} const t0 = performance.now(); await import(${JSON.stringify(bundlePath)}); process.stdout.write(String(performance.now() - t0));`,
  );
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const output = execFileSync(process.execPath, [probe], {
      env: {
        ...process.env,
        AWS_REGION: 'eu-west-2',
        READINGS_TABLE: 'bench',
        DIRECTORY_TABLE: 'bench',
        ALERTS_TABLE: 'bench',
        ALERT_QUEUE_URL: 'http://localhost/queue/alerts.fifo',
        SYNC_QUEUE_URL: 'http://localhost/queue/sync-jobs',
        LOCAL_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64'),
        PUBLIC_BASE_URL: 'http://localhost:3000',
        GOOGLE_CLIENT_ID: 'bench',
        GOOGLE_CLIENT_SECRET: 'bench',
        GOOGLE_HEALTH_WEBHOOK_AUTHORIZATION: 'Bearer bench',
        GOOGLE_HEALTH_WEBHOOK_PUBLIC_KEYSET: '{"primaryKeyId":1,"key":[]}',
      },
    });
    samples.push(Number(output.toString()));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
};

export const measureFunctions = async (functionsDir = 'functions'): Promise<FunctionFigure[]> => {
  // Inside the project so the bundles resolve the AWS SDK from node_modules, as the runtime provides it.
  mkdirSync('.pulse-relay', { recursive: true });
  const outDir = mkdtempSync(join(process.cwd(), '.pulse-relay', 'bench-'));
  const figures: FunctionFigure[] = [];
  for (const name of readdirSync(functionsDir).sort()) {
    const entry = join(functionsDir, name, 'handler.ts');
    try {
      statSync(entry);
    } catch {
      continue;
    }
    const outfile = join(outDir, name, 'index.mjs');
    await bundleFunction(entry, outfile);
    figures.push({
      name,
      bundleBytes: statSync(outfile).size,
      initMs: round(measureInitMs(outfile, 5, false)),
      initMsOwnCode: round(measureInitMs(outfile, 5, true)),
    });
  }
  return figures;
};

const round = (value: number) => Math.round(value * 10) / 10;
