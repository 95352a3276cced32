import { userInfo } from 'node:os';
import { CliError } from './cli-error.js';

export const requiredOption = (options: Record<string, unknown>, name: string): string => {
  const value = options[name];
  if (typeof value !== 'string' || value === '') throw new CliError(`--${name} is required`, 2);
  return value;
};

export const optionalOption = (options: Record<string, unknown>, name: string): string | undefined => {
  const value = options[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** Accepts an ISO-8601 instant with a zone (or a plain date, read as UTC midnight) and returns it in UTC. */
export const isoInstantOption = (options: Record<string, unknown>, name: string): string | undefined => {
  const value = optionalOption(options, name);
  if (value === undefined) return undefined;
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  if (!/(Z|[+-]\d{2}:\d{2})$/i.test(withZone) || Number.isNaN(Date.parse(withZone))) {
    throw new CliError(`--${name} must be an ISO-8601 time with a zone, e.g. 2026-11-20T00:00:00Z`, 2);
  }
  return new Date(withZone).toISOString();
};

/** Who is making a change, for the audit record: --by, else the operating-system user running the CLI. */
export const actorOption = (options: Record<string, unknown>): string => {
  const by = optionalOption(options, 'by');
  if (by !== undefined) return by;
  try {
    return `os-user:${userInfo().username}`;
  } catch {
    return 'unknown';
  }
};

/** A whole number within bounds, or undefined when the flag is absent. */
export const integerOption = (
  options: Record<string, unknown>,
  name: string,
  bounds: { min: number; max: number },
): number | undefined => {
  const value = optionalOption(options, name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < bounds.min || number > bounds.max) {
    throw new CliError(`--${name} must be a whole number from ${bounds.min} to ${bounds.max}`, 2);
  }
  return number;
};
