import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_STACK_FILE } from '../cli/stack-environment.js';
import { runDemo } from './demo.js';
import { formatAlertForCareTeam } from './demo-care-team-inbox.js';
import { findFreePort } from './free-port.js';
import { startGoogleHealthSimulator } from './google-health-simulator/simulator.js';
import { JavaMissingError } from './java-requirement.js';
import { startLocalConsole } from './local-console.js';
import { formatReceivedMail } from './local-mail-server.js';
import { startLocalStack } from './local-stack.js';
import {
  catchUpMinutesFrom,
  RealGoogleConfigurationError,
  realGoogleEnvironment,
} from './real-google-environment.js';
import { simulatedGoogleEnvironment } from './simulated-google-environment.js';
import { demoStaffUsers } from './staff-identity-provider.js';

const { values } = parseArgs({ options: { 'no-demo': { type: 'boolean' } }, allowPositionals: false });
const requestedPort = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65_535) {
  console.error(`PORT must be a whole number from 0 to 65535, not "${process.env.PORT}"`);
  process.exit(2);
}
// The console's sign-in redirect must be known before the stack starts; PORT=0 picks a free port.
const port = requestedPort === 0 ? await findFreePort() : requestedPort;

// The demo's own lines are what a new user reads; handler logs stay available with POWERTOOLS_LOG_LEVEL=INFO.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
// Locally a baseline summary is held 15 seconds, not 5 minutes, so the demo shows it.
process.env.ALERT_BASELINE_GROUP_WAIT_MINUTES ??= '0.25';

const print = (text: string) => process.stdout.write(`${text}\n`);

// GOOGLE_CLIENT_ID set: a real (or any compatible) Google, from the environment; otherwise the simulator.
let real: ReturnType<typeof realGoogleEnvironment>;
let catchUpMinutes: number;
try {
  real = realGoogleEnvironment(process.env);
  catchUpMinutes = catchUpMinutesFrom(process.env.CATCH_UP_MINUTES, real === undefined ? 30 : 5);
} catch (error) {
  if (!(error instanceof RealGoogleConfigurationError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const simulator = real === undefined ? await startGoogleHealthSimulator({ port: 0 }) : undefined;
const google = simulator === undefined ? undefined : simulatedGoogleEnvironment(simulator);
const localConsole = await startLocalConsole(`http://127.0.0.1:${port}`, demoStaffUsers());
let stack: Awaited<ReturnType<typeof startLocalStack>>;
try {
  stack = await startLocalStack({
    port,
    strict: true,
    log: (message, error) => console.error(message, error instanceof Error ? error.message : ''),
    environment: { ...(real?.environment ?? google?.environment), ...localConsole.environment },
    catchUpIntervalMs: catchUpMinutes * 60_000,
    // deliver-alerts consumes the care-team queue; the demo shows each alert as it is taken for delivery.
    onCareTeamMessage: (body) => print(`\n${formatAlertForCareTeam(JSON.parse(body))}\n`),
  });
} catch (error) {
  await simulator?.stop();
  await localConsole.stop();
  if (error instanceof JavaMissingError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

if (simulator !== undefined && google !== undefined) {
  // The simulator plays Google: it verifies our webhook endpoint with its two probes, then delivers to it.
  // Like Google, it takes the project number and only the types that support webhooks.
  await fetch(`${simulator.baseUrl}/v4/projects/123456789012/subscribers?subscriberId=local`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      endpointUri: `${stack.apiUrl}/v1/webhooks/google-health`,
      subscriberConfigs: [{ dataTypes: ['steps', 'sleep', 'weight'], subscriptionCreatePolicy: 'AUTOMATIC' }],
      endpointAuthorization: { secret: google.webhookAuthorization },
    }),
  });
} else {
  print(
    `google: using ${stack.environment.GOOGLE_HEALTH_API_URL} as client ${stack.environment.GOOGLE_CLIENT_ID}; ` +
      `no simulator, no webhooks: the catch-up schedule syncs every linked member every ${catchUpMinutes} minutes`,
  );
}

await localConsole.seedStaff();

mkdirSync(dirname(LOCAL_STACK_FILE), { recursive: true });
writeFileSync(
  LOCAL_STACK_FILE,
  JSON.stringify({ apiUrl: stack.apiUrl, environment: stack.environment }, null, 2),
  {
    mode: 0o600,
  },
);

// The care teams' mailbox: what deliver-alerts emailed, as the team would read it.
const stopPrintingMail = stack.mail.onMail((mail) => print(`\n${formatReceivedMail(mail)}\n`));

// Ctrl-C reaches every process in the group, so this process may hear it twice: stop once.
let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  print(`\n${signal}: stopping the local stack…`);
  stopPrintingMail();
  await stack.stop();
  await simulator?.stop();
  await localConsole.stop();
  rmSync(LOCAL_STACK_FILE, { force: true });
  print('stopped');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

print(`ready api=${stack.apiUrl} mail=${stack.mail.url}`);
print(
  `care console: ${stack.apiUrl}/console  (sign in at the local OpenID provider ${localConsole.identityProvider.issuer})`,
);
for (const user of localConsole.users) {
  print(`  staff of ${user.teamId}: ${user.email}  password ${user.password}`);
}
if (values['no-demo'] !== true) {
  await runDemo({ apiUrl: stack.apiUrl, simulator, stack, print });
}
print('The stack keeps running; try the CLI in another terminal (see README). Ctrl-C stops it.');
