/** Every metric the time series holds. Sparse metrics get one item per reading; dense ones are bucketed. */
export const METRICS = [
  'blood-pressure',
  'heart-rate',
  'resting-heart-rate',
  'steps',
  'sleep',
  'weight',
  'oxygen-saturation',
  'daily-oxygen-saturation',
  'heart-rate-variability',
] as const;

export type Metric = (typeof METRICS)[number];

export const isMetric = (value: string): value is Metric => (METRICS as readonly string[]).includes(value);
