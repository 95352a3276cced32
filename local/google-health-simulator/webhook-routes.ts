import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeZodIssues } from '../../shared/domain/zod-issues.js';
import { readBody, sendJson } from './http-exchange.js';
import { invalidArgumentError, notFoundError } from './rpc-status-error.js';
import type { RequestTrace, SimulatorContext } from './simulator-context.js';
import { subscriberBodySchema } from './webhook-subscribers.js';

export const KEYSET_PATH = '/googlehealthapi/webhooks/webhooks_public_keyset.json';

const SUBSCRIBERS = /^\/v4\/projects\/([^/]+)\/subscribers(?:\/([^/]+))?$/;
const OPERATION = /^\/v4\/(projects\/[^/]+\/operations\/[^/]+)$/;
/** CreateSubscriberRequest.parent is projects/{project_number}: the number, not the project id. */
const PROJECT_NUMBER = /^\d{6,20}$/;
const SUBSCRIBER_ID = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

export const isWebhookAdminPath = (path: string): boolean => SUBSCRIBERS.test(path) || OPERATION.test(path);

/**
 * Project subscribers. Google authenticates these calls with the project's service account; the simulator
 * accepts any caller, since only the endpoint verification is of interest here.
 */
export const handleSubscribers = async (
  context: SimulatorContext,
  url: URL,
  path: string,
  request: IncomingMessage,
  response: ServerResponse,
  trace: RequestTrace,
): Promise<void> => {
  const operation = OPERATION.exec(path)?.[1];
  if (operation !== undefined) {
    trace.route = '/v4/projects/{project}/operations/{operation}';
    const found = request.method === 'GET' ? context.webhooks.operation(operation) : undefined;
    if (found === undefined) throw notFoundError(`Operation ${operation} not found`);
    sendJson(response, 200, found);
    return;
  }
  const [, project = '', subscriberId] = SUBSCRIBERS.exec(path) ?? [];
  trace.route = `/v4/projects/{project}/subscribers${subscriberId === undefined ? '' : '/{subscriber}'}`;
  if (request.method === 'POST' && subscriberId === undefined) {
    if (!PROJECT_NUMBER.test(project)) {
      throw invalidArgumentError(
        'The parent must be projects/{project_number}: use the project number, not its id',
      );
    }
    const id = url.searchParams.get('subscriberId') ?? '';
    if (!SUBSCRIBER_ID.test(id)) throw invalidArgumentError('subscriberId must match [a-z][a-z0-9-]{0,62}');
    let json: unknown;
    try {
      json = JSON.parse((await readBody(request)).toString('utf8'));
    } catch {
      throw invalidArgumentError('Body is not JSON');
    }
    const parsed = subscriberBodySchema.safeParse(json);
    if (!parsed.success)
      throw invalidArgumentError(`Invalid subscriber: ${describeZodIssues(parsed.error).join('; ')}`);
    // A long-running operation, as Google returns; poll GET /v4/{operation.name} until done.
    sendJson(response, 200, await context.webhooks.create(project, id, parsed.data));
    return;
  }
  if (request.method === 'GET' && subscriberId === undefined) {
    sendJson(response, 200, { subscribers: context.webhooks.list(project) });
    return;
  }
  if (request.method === 'DELETE' && subscriberId !== undefined) {
    if (!context.webhooks.delete(`projects/${project}/subscribers/${subscriberId}`)) {
      throw notFoundError(`Subscriber ${subscriberId} not found`);
    }
    sendJson(response, 200, {});
    return;
  }
  throw notFoundError(`Method not found: ${request.method ?? ''} ${path}`);
};
