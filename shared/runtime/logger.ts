import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured logger per function. Callers must never pass tokens, names or health values.
 * The level comes from Powertools' own POWERTOOLS_LOG_LEVEL (or LOG_LEVEL); the default is INFO.
 */
export const createLogger = (serviceName: string): Logger => new Logger({ serviceName });
