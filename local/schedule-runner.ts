import { randomUUID } from 'node:crypto';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { createLambdaContext } from './lambda-context.js';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './local-aws.js';

export interface ScheduledHandler {
  handler(event: ScheduledEvent, context: Context): unknown;
}

export interface ScheduleRunnerOptions {
  readonly functionName: string;
  readonly handler: ScheduledHandler['handler'];
  readonly intervalMs: number;
  readonly log?: (message: string, error?: unknown) => void;
}

export interface ScheduleRunner {
  /** Invokes the handler now, as the schedule would. */
  trigger(): Promise<void>;
  stop(): Promise<void>;
}

/** An EventBridge "Scheduled Event" for the rule that targets the function. */
export const scheduledEvent = (ruleName: string, time = new Date()): ScheduledEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: LOCAL_ACCOUNT_ID,
  time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region: LOCAL_REGION,
  resources: [`arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:rule/${ruleName}`],
  detail: {},
});

/** Invokes a handler on a fixed rate, never overlapping itself. */
export const startScheduleRunner = (options: ScheduleRunnerOptions): ScheduleRunner => {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  let inFlight: Promise<void> = Promise.resolve();
  const trigger = (): Promise<void> => {
    inFlight = inFlight.then(async () => {
      try {
        await options.handler(
          scheduledEvent(`${options.functionName}-schedule`),
          createLambdaContext(options.functionName),
        );
      } catch (error) {
        log(`${options.functionName} failed on its schedule`, error);
      }
    });
    return inFlight;
  };
  const timer = setInterval(() => void trigger(), options.intervalMs);
  return {
    trigger,
    stop: async () => {
      clearInterval(timer);
      await inFlight;
    },
  };
};
