import type { z } from 'zod';

/** Zod issues as `path: message` lines, e.g. `systolic: Invalid input: expected number, received string`. */
export const describeIssueLines = (error: z.ZodError): string[] =>
  error.issues.map((issue) =>
    issue.path.length === 0 ? issue.message : `${issue.path.map(String).join('.')}: ${issue.message}`,
  );

/** The issues of one item as a single reason. */
export const describeItemIssues = (error: z.ZodError): string => describeIssueLines(error).join('; ');
