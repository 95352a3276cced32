import * as z from '../zod-mini.js';

/**
 * A care team's id, e.g. `team-north`. Staff access (the console) and alert delivery are both keyed on it,
 * so it is short, lower-case and safe in keys, URLs and log lines.
 */
export const teamIdSchema = z
  .string()
  .check(
    z.trim(),
    z.regex(
      /^[a-z0-9][a-z0-9-]{1,39}$/,
      'must be 2-40 lower-case letters, digits or dashes, starting with a letter or digit (e.g. team-north)',
    ),
  );
