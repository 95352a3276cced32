import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { HttpResult } from '../../shared/runtime/http/http-handler.js';
import { type ConsoleSession, type CookieSettings, isValidCsrfToken } from './console-session.js';
import { type PageChrome, problemPage } from './pages/layout.js';

const formOf = (event: APIGatewayProxyEventV2): Record<string, string> => {
  const raw =
    event.body === undefined
      ? ''
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  return Object.fromEntries(new URLSearchParams(raw));
};

/**
 * A posted console form, once its CSRF token is this session's; otherwise the 403 page to send, having
 * changed nothing. Every state-changing console request goes through here first.
 */
export const checkedForm = (
  event: APIGatewayProxyEventV2,
  signed: { settings: CookieSettings; session: ConsoleSession; chrome?: PageChrome },
  logger: Logger,
): { form: Record<string, string> } | { refusal: HttpResult } => {
  const form = formOf(event);
  if (!isValidCsrfToken(signed.settings, signed.session, form.csrf)) {
    logger.warn('console form refused: CSRF token', { path: event.rawPath });
    return {
      refusal: problemPage(
        403,
        'This form has expired',
        'Nothing was changed. Go back, reload the page and try again.',
        signed.chrome,
      ),
    };
  }
  return { form };
};
