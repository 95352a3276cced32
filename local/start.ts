import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_STACK_FILE } from '../cli/stack-environment.js';
import { runDemo } from './demo.js';
import { startGoogleHealthSimulator } from './google-health-simulator/simulator.js';
import { JavaMissingError } from './java-requirement.js';
import { formatReceivedMail } from './local-mail-server.js';
import { startLocalStack } from './local-stack.js';
import { simulatedGoogleEnvironment } from './simulated-google-environment.js';

const { values } = parseArgs({ options: { 'no-demo': { type: 'boolean' } }, allowPositionals: false });
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error(`PORT must be a whole number from 1 to 65535, not "${process.env.PORT}"`);
  process.exit(2);
}

// The demo's own lines are what a new user reads; handler logs stay available with POWERTOOLS_LOG_LEVEL=INFO.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const print = (text: string) => process.stdout.write(`${text}\n`);
const simulator = await startGoogleHealthSimulator({ port: 0 });
const google = simulatedGoogleEnvironment(simulator);
let stack: Awaited<ReturnType<typeof startLocalStack>>;
try {
  stack = await startLocalStack({
    port,
    strict: true,
    log: (message, error) => console.error(message, error instanceof Error ? error.message : ''),
    environment: google.environment,
  });
} catch (error) {
  await simulator.stop();
  if (error instanceof JavaMissingError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

// The simulator plays Google: it verifies our webhook endpoint with its two probes, then delivers to it.
await fetch(`${simulator.baseUrl}/v4/projects/pulse-relay-local/subscribers?subscriberId=local`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    endpointUri: `${stack.apiUrl}/v1/webhooks/google-health`,
    subscriberConfigs: [
      { dataTypes: ['steps', 'heart-rate', 'sleep'], subscriptionCreatePolicy: 'AUTOMATIC' },
    ],
    endpointAuthorization: { secret: google.webhookAuthorization },
  }),
});

mkdirSync(dirname(LOCAL_STACK_FILE), { recursive: true });
writeFileSync(
  LOCAL_STACK_FILE,
  JSON.stringify({ apiUrl: stack.apiUrl, environment: stack.environment }, null, 2),
  {
    mode: 0o600,
  },
);

// The care team's mailbox: deliver-alerts is the only consumer of the alert queue and emails the team here.
const stopPrintingMail = stack.mail.onMail((mail) => print(`\n${formatReceivedMail(mail)}\n`));

// Ctrl-C reaches every process in the group, so this process may hear it twice: stop once.
let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  print(`\n${signal}: stopping the local stack…`);
  stopPrintingMail();
  await stack.stop();
  await simulator.stop();
  rmSync(LOCAL_STACK_FILE, { force: true });
  print('stopped');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

print(`ready api=${stack.apiUrl} mail=${stack.mail.url}`);
if (values['no-demo'] !== true) {
  await runDemo({ apiUrl: stack.apiUrl, simulator, stack, print });
}
print('The stack keeps running; try the CLI in another terminal (see README). Ctrl-C stops it.');
