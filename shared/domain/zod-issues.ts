/** What every zod error carries (classic or mini), so one formatter serves both. */
export interface IssueList {
  readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[];
}

/** The distinct fields the issues are about (`a.b.0`), without messages or values. */
export const describeZodIssuePaths = (error: IssueList): string[] => [
  ...new Set(error.issues.map((issue) => issue.path.map(String).join('.'))),
];

/**
 * The one zod-issue formatter: `path: message` lines a person can act on, e.g.
 * `systolic: Invalid input: expected number, received string`; a root issue is just its message.
 */
export const describeZodIssues = (error: IssueList): string[] =>
  error.issues.map((issue) =>
    issue.path.length === 0 ? issue.message : `${issue.path.map(String).join('.')}: ${issue.message}`,
  );
