import { describeZodIssues, type IssueList } from '../zod-issues.js';

/** The issues of one item as a single reason. */
export const describeItemIssues = (error: IssueList): string => describeZodIssues(error).join('; ');
