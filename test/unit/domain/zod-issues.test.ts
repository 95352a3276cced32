import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { describeZodIssuePaths, describeZodIssues } from '../../../shared/domain/zod-issues.js';

const schema = z.object({ systolic: z.number(), cuff: z.object({ size: z.enum(['small', 'large']) }) });
const errorOf = (value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a failure');
  return parsed.error;
};

describe('zod issues', () => {
  it('describes each issue as path: message, and a root issue by its message alone', () => {
    expect(describeZodIssues(errorOf({ systolic: 'high', cuff: { size: 'huge' } }))).toEqual([
      'systolic: Invalid input: expected number, received string',
      'cuff.size: Invalid option: expected one of "small"|"large"',
    ]);
    expect(describeZodIssues(errorOf(7))).toEqual(['Invalid input: expected object, received number']);
  });

  it('names each field with an issue once, without messages or values', () => {
    const error = errorOf({ systolic: 'high', cuff: { size: 'huge' } });
    const doubled = { issues: [...error.issues, ...error.issues] };
    expect(describeZodIssuePaths(doubled)).toEqual(['systolic', 'cuff.size']);
  });
});
