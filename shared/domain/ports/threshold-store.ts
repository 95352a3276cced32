import type { ThresholdOverrides } from '../thresholds.js';

export interface ThresholdStore {
  getOverrides(memberId: string): Promise<ThresholdOverrides | undefined>;
  setOverrides(memberId: string, overrides: ThresholdOverrides): Promise<void>;
}
