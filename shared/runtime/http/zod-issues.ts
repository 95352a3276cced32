import type { z } from 'zod';

/** Turns zod issues into short `path: message` lines a person can act on. */
export const describeZodIssues = (error: z.ZodError): string[] =>
  error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
