import * as z from '../zod-mini.js';

/** A care-team team id: lower-case letters, digits and dashes, e.g. `north` or `team-b`. */
export const teamIdSchema = z
  .string()
  .check(
    z.regex(
      /^[a-z][a-z0-9-]{0,39}$/,
      'a team id is lower-case letters, digits or dashes, starting with a letter',
    ),
  );

/** Staff are identified by the verified e-mail their identity provider asserts; kept lower-case. */
export const staffEmailSchema = z.pipe(
  z.email().check(z.maxLength(254)),
  z.transform((email: string) => email.toLowerCase()),
);

/** A member of charity staff (or a GP) who signs in to the console. Not a clinician. */
export interface StaffMember {
  email: string;
  name: string;
  /** Every team the person works in; they see only these teams' members and alerts. */
  teams: string[];
}
