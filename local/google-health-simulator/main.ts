import { ENV } from '../../shared/runtime/environment.js';
import { startGoogleHealthSimulator } from './simulator.js';

/**
 * Runs the simulator standalone: `PORT=8787 SEED=7 tsx local/google-health-simulator/main.ts`.
 * GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET, when set, register that client besides the default one.
 */
const clientId = process.env[ENV.googleClientId];
const clientSecret = process.env[ENV.googleClientSecret];
const simulator = await startGoogleHealthSimulator({
  port: Number(process.env.PORT ?? 8787),
  seed: process.env.SEED === undefined ? undefined : Number(process.env.SEED),
  rotateRefreshTokens: process.env.ROTATE_REFRESH_TOKENS === 'true',
  clients: clientId && clientSecret ? [{ clientId, clientSecret }] : [],
});

process.stdout.write(
  `${JSON.stringify(
    {
      ...simulator.urls,
      baseUrl: simulator.baseUrl,
      ...simulator.client,
      defaultUser: simulator.user('default'),
    },
    null,
    2,
  )}\n`,
);

const shutdown = () => {
  void simulator.stop().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
