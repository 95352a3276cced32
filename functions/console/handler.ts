import { systemClock } from '../../shared/domain/clock.js';
import { httpHandler } from '../../shared/runtime/http/http-handler.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { createConsoleDeps } from './composition.js';
import { createConsoleRoute } from './routes.js';

const logger = createLogger('console');

/** The care-team console under /console: server-rendered pages, OIDC sign-in, team-checked access. */
export const handler = httpHandler(
  createConsoleRoute(
    createConsoleDeps(logger, () => ({
      acknowledge: async () => {
        throw new Error(`acknowledging is not available yet (${systemClock.now().toISOString()})`);
      },
      snooze: async () => {
        throw new Error('snoozing is not available yet');
      },
    })),
  ),
  logger,
);
