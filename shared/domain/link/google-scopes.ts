const PREFIX = 'https://www.googleapis.com/auth/googlehealth.';

/**
 * Only the read scopes the sync needs. profile.readonly is not asked for: identity (healthUserId) is readable
 * with any Google Health scope, and we want no name, age or sex from Google.
 */
export const LINK_SCOPES = {
  activity: `${PREFIX}activity_and_fitness.readonly`,
  healthMetrics: `${PREFIX}health_metrics_and_measurements.readonly`,
  sleep: `${PREFIX}sleep.readonly`,
  settings: `${PREFIX}settings.readonly`,
} as const;

export const REQUESTED_SCOPES: readonly string[] = Object.values(LINK_SCOPES);

const DATA_SCOPES: readonly string[] = [LINK_SCOPES.activity, LINK_SCOPES.healthMetrics, LINK_SCOPES.sleep];

/** With granular consent a member can untick boxes; a link with no data scope at all would sync nothing. */
export const grantsAnyDataScope = (grantedScope: string): boolean => {
  const granted = new Set(grantedScope.split(' '));
  return DATA_SCOPES.some((scope) => granted.has(scope));
};

/** What the member sees for each data scope on Google's consent screen, in words staff can repeat. */
export type DataScopeName = 'activity' | 'health metrics' | 'sleep';

/** The consent scope that grants each data type (Google Health API read scopes). */
export const scopeNameOfDataType = (dataType: string): DataScopeName => {
  if (dataType === 'steps') return 'activity';
  if (dataType === 'sleep') return 'sleep';
  return 'health metrics';
};
