import type { DataTypeName } from './data-types.js';

const SCOPE_PREFIX = 'https://www.googleapis.com/auth/googlehealth.';

export const SCOPES = {
  activity: `${SCOPE_PREFIX}activity_and_fitness.readonly`,
  healthMetrics: `${SCOPE_PREFIX}health_metrics_and_measurements.readonly`,
  sleep: `${SCOPE_PREFIX}sleep.readonly`,
  settings: `${SCOPE_PREFIX}settings.readonly`,
  profile: `${SCOPE_PREFIX}profile.readonly`,
} as const;

export const KNOWN_READ_SCOPES: ReadonlySet<string> = new Set(Object.values(SCOPES));

export const scopeForDataType = (dataType: DataTypeName): string => {
  switch (dataType) {
    case 'steps':
      return SCOPES.activity;
    case 'sleep':
      return SCOPES.sleep;
    case 'heart-rate':
    case 'daily-resting-heart-rate':
    case 'weight':
    case 'oxygen-saturation':
    case 'daily-oxygen-saturation':
    case 'heart-rate-variability':
    case 'daily-heart-rate-variability':
      return SCOPES.healthMetrics;
  }
};
