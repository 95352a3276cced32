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
  /** A separate .map file; the functions run with --enable-source-maps (NODE_OPTIONS) to read it. */
  sourceMap: true,
  nodeOptions: '--enable-source-maps',
  /**
   * The Lambda Node.js runtime provides the AWS SDK v3. nodemailer is the local stack's SMTP path only
   * (smtp-mail-sender.ts imports it on first send; in AWS, mail goes through SES), so it is not shipped.
   */
  externalModules: ['@aws-sdk/*', 'nodemailer'],
  // ESM bundles still meet CommonJS dependencies that call require().
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
} as const;
