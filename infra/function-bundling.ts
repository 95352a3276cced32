/**
 * How every function is bundled: read by the CDK construct (infra/constructs/service-function.ts) and by
 * `npm run bench`, so the bench measures the bundles that are deployed.
 */
export const FUNCTION_BUNDLING = {
  /** ESM: the runtime loads it as a module (the construct passes nodejs.OutputFormat.ESM, the same value). */
  format: 'esm',
  target: 'node24',
  platform: 'node',
  // ESM builds of dependencies first: they tree-shake.
  mainFields: ['module', 'main'],
  minify: true,
  /**
   * A separate index.mjs.map ships in every asset, without the sources (the repository at the deployed
   * commit has them): `npm run decode-stack` maps a minified stack trace back to the TypeScript offline.
   * The runtime reads it only when RUNTIME_SOURCE_MAPS is switched on (docs/deploy.md, "Stack traces").
   */
  sourceMap: true,
  sourcesContent: false,
  /**
   * The Lambda Node.js runtime provides the AWS SDK v3. nodemailer is the local stack's SMTP path only
   * (smtp-mail-sender.ts imports it on first send; in AWS, mail goes through SES), so it is not shipped.
   */
  externalModules: ['@aws-sdk/*', 'nodemailer'],
  // ESM bundles still meet CommonJS dependencies that call require().
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
} as const;

/**
 * NODE_OPTIONS that make stack traces in the logs point at the TypeScript sources. Off by default: with it,
 * Node reads and parses the source map while loading the bundle, which cost 10-25 ms of every cold start in
 * `npm run bench` (Node 24.21, as on nodejs24.x). Turn it on with `-c sourceMapsAtRuntime=on` while
 * debugging a stage; `npm run decode-stack` maps a logged trace offline.
 */
export const RUNTIME_SOURCE_MAPS = { NODE_OPTIONS: '--enable-source-maps' } as const;
