import { acknowledgeAlert } from '../../shared/domain/alerts/acknowledge-alert.js';
import { snoozeAlert } from '../../shared/domain/alerts/snooze-alert.js';
import { systemClock } from '../../shared/domain/clock.js';
import { httpHandler } from '../../shared/runtime/http/http-handler.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { createConsoleDeps } from './composition.js';
import { createConsoleRoute } from './routes.js';

const logger = createLogger('console');

/** The care-team console under /console: server-rendered pages, OIDC sign-in, team-checked access. */
export const handler = httpHandler(
  createConsoleRoute(
    createConsoleDeps(logger, (alerts) => ({
      // The same use cases as `pulse-relay alerts ack` and `alerts snooze`.
      acknowledge: (input) => acknowledgeAlert({ alerts, clock: systemClock }, input),
      snooze: (input) => snoozeAlert({ alerts, clock: systemClock }, input),
    })),
  ),
  logger,
);
