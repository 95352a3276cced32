import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { FUNCTION_BUNDLING } from '../infra/function-bundling.js';

export interface FunctionFigure {
  name: string;
  bundleBytes: number;
  /**
   * Cold module init, loading the AWS SDK from node_modules as the Lambda runtime does: the CPU time the
   * import takes (user + system). Loading modules is CPU work; unlike elapsed time, CPU time hardly grows
   * when other processes compete for the cores, so runs on a shared machine stay comparable.
   */
  initMs: number;
  /** The same with the SDK clients already loaded: the share that is this project's own code. */
  initMsOwnCode: number;
  /**
   * Init of the floor function measured in the same run: one that only creates the DynamoDB document
   * client, plus the SQS client when this function uses SQS. Machines differ 2-3x; the ratio does not.
   */
  floorInitMs: number;
  /** initMs / floorInitMs. */
  initRatio: number;
  /** With --analyse: bundled KB per package (or per project folder), heaviest first. */
  weights?: Array<{ source: string; kb: number }>;
}

/** What weighs in a bundle, from esbuild's metafile: npm packages, and this project's folders. */
const weightsOf = (inputs: Record<string, { bytesInOutput: number }>) => {
  const bytes = new Map<string, number>();
  for (const [path, input] of Object.entries(inputs)) {
    const fromPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
    const source = fromPackage ?? path.split('/').slice(0, 2).join('/');
    bytes.set(source, (bytes.get(source) ?? 0) + input.bytesInOutput);
  }
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .map(([source, size]) => ({ source, kb: Math.round(size / 102.4) / 10 }));
};

/** The least a function of this project can load: its AWS clients and nothing else. */
const floorSource = (withSqs: boolean): string =>
  [
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
    "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    withSqs ? "import { SQSClient } from '@aws-sdk/client-sqs';" : '',
    'export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
    withSqs ? 'export const sqs = new SQSClient({});' : '',
    'export const handler = async () => ({});',
  ].join('\n');

/** The settings the CDK construct deploys with (infra/function-bundling.ts). */
const bundleFunction = async (entry: string, outfile: string) =>
  build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: FUNCTION_BUNDLING.minify,
    platform: FUNCTION_BUNDLING.platform,
    target: FUNCTION_BUNDLING.target,
    format: FUNCTION_BUNDLING.format,
    mainFields: [...FUNCTION_BUNDLING.mainFields],
    sourcemap: FUNCTION_BUNDLING.sourceMap,
    sourcesContent: FUNCTION_BUNDLING.sourcesContent,
    external: [...FUNCTION_BUNDLING.externalModules],
    banner: { js: FUNCTION_BUNDLING.banner },
    metafile: true,
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

const median = (samples: number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const measureInitMs = (bundlePath: string, runs: number, preloadSdk: boolean): number => {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) samples.push(sampleInitMs(bundlePath, preloadSdk));
  return median(samples);
};

/**
 * Function and floor, alternately, so both see the same machine load; medians of each. Under load the
 * absolute times swing, the ratio much less.
 */
const measureAgainstFloor = (bundlePath: string, floorPath: string, runs: number) => {
  const own: number[] = [];
  const floor: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    floor.push(sampleInitMs(floorPath, false));
    own.push(sampleInitMs(bundlePath, false));
  }
  return { initMs: median(own), floorInitMs: median(floor) };
};

const sampleInitMs = (bundlePath: string, preloadSdk: boolean): number => {
  const probe = join(bundlePath, '..', preloadSdk ? 'probe-preloaded.mjs' : 'probe.mjs');
  const preload = preloadSdk ? SDK_MODULES.map((name) => `await import('${name}');`).join(' ') : '';
  writeFileSync(
    probe,
    `${preload} const start = process.cpuUsage(); await import(${JSON.stringify(bundlePath)}); const { user, system } = process.cpuUsage(start); process.stdout.write(String((user + system) / 1000));`,
  );
  // Run as deployed by default: no NODE_OPTIONS (source maps at run time are a debugging setting).
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
      MAIL_FROM: 'alerts@bench.example',
      CONSOLE_OIDC_ISSUER: 'http://localhost:3001',
      CONSOLE_OIDC_CLIENT_ID: 'bench',
      CONSOLE_SESSION_KEY: Buffer.alloc(32, 9).toString('base64'),
    },
  });
  return Number(output.toString());
};

export const measureFunctions = async (
  functionsDir = 'functions',
  options: { analyse?: boolean } = {},
): Promise<FunctionFigure[]> => {
  // Inside the project so the bundles resolve the AWS SDK from node_modules, as the runtime provides it.
  mkdirSync('.pulse-relay', { recursive: true });
  const outDir = mkdtempSync(join(process.cwd(), '.pulse-relay', 'bench-'));
  const floors = new Map<boolean, string>();
  const floorBundle = async (withSqs: boolean): Promise<string> => {
    const known = floors.get(withSqs);
    if (known !== undefined) return known;
    const name = withSqs ? 'floor-dynamodb-sqs' : 'floor-dynamodb';
    const entry = join(outDir, `${name}.mjs`);
    writeFileSync(entry, floorSource(withSqs));
    const outfile = join(outDir, name, 'index.mjs');
    await bundleFunction(entry, outfile);
    floors.set(withSqs, outfile);
    return outfile;
  };
  const figures: FunctionFigure[] = [];
  for (const name of readdirSync(functionsDir).sort()) {
    const entry = join(functionsDir, name, 'handler.ts');
    try {
      statSync(entry);
    } catch {
      continue;
    }
    const outfile = join(outDir, name, 'index.mjs');
    const { metafile } = await bundleFunction(entry, outfile);
    const usesSqs = readFileSync(outfile, 'utf8').includes('@aws-sdk/client-sqs');
    const { initMs, floorInitMs } = measureAgainstFloor(outfile, await floorBundle(usesSqs), 7);
    figures.push({
      name,
      bundleBytes: statSync(outfile).size,
      initMs: round(initMs),
      initMsOwnCode: round(measureInitMs(outfile, 5, true)),
      floorInitMs: round(floorInitMs),
      initRatio: Math.round((initMs / floorInitMs) * 100) / 100,
      ...(options.analyse === true
        ? {
            weights: weightsOf(
              Object.values(metafile.outputs).find((output) => output.entryPoint)?.inputs ?? {},
            ),
          }
        : {}),
    });
  }
  return figures;
};

const round = (value: number) => Math.round(value * 10) / 10;
