import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger per function. Callers must never pass tokens, names or health values. */
export const createLogger = (serviceName: string): Logger =>
  new Logger({
    serviceName,
    logLevel: (process.env.LOG_LEVEL as 'INFO' | 'DEBUG' | 'WARN' | 'ERROR') ?? 'INFO',
  });
