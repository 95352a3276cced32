/** How a data type's time is expressed, which decides its time container and filter fields. */
export type DataTypeKind = 'sample' | 'interval' | 'session' | 'daily';

export const DATA_TYPE_NAMES = [
  'heart-rate',
  'daily-resting-heart-rate',
  'steps',
  'sleep',
  'weight',
  'oxygen-saturation',
  'daily-oxygen-saturation',
  'heart-rate-variability',
  'daily-heart-rate-variability',
] as const;

export type DataTypeName = (typeof DATA_TYPE_NAMES)[number];

export interface DataTypeSpec {
  name: DataTypeName;
  kind: DataTypeKind;
  /** camelCase key that holds the value on each data point. */
  valueKey: string;
  /** underscore name used in AIP-160 filters. */
  filterName: string;
  defaultPageSize: number;
  maxPageSize: number;
}

const spec = (name: DataTypeName, kind: DataTypeKind, valueKey: string): DataTypeSpec => {
  const sessionLimits = kind === 'session';
  return {
    name,
    kind,
    valueKey,
    filterName: name.replaceAll('-', '_'),
    defaultPageSize: sessionLimits ? 25 : 1440,
    maxPageSize: sessionLimits ? 25 : 10_000,
  };
};

export const DATA_TYPES: Record<DataTypeName, DataTypeSpec> = {
  'heart-rate': spec('heart-rate', 'sample', 'heartRate'),
  'daily-resting-heart-rate': spec('daily-resting-heart-rate', 'daily', 'dailyRestingHeartRate'),
  steps: spec('steps', 'interval', 'steps'),
  sleep: spec('sleep', 'session', 'sleep'),
  weight: spec('weight', 'sample', 'weight'),
  'oxygen-saturation': spec('oxygen-saturation', 'sample', 'oxygenSaturation'),
  'daily-oxygen-saturation': spec('daily-oxygen-saturation', 'daily', 'dailyOxygenSaturation'),
  'heart-rate-variability': spec('heart-rate-variability', 'sample', 'heartRateVariability'),
  'daily-heart-rate-variability': spec('daily-heart-rate-variability', 'daily', 'dailyHeartRateVariability'),
};

export const isDataTypeName = (value: string): value is DataTypeName =>
  (DATA_TYPE_NAMES as readonly string[]).includes(value);
