import type { DataPointInput } from './data-point-input.js';
import type { DataTypeName } from './data-types.js';

export interface DeviceDescription {
  displayName: string;
  formFactor: string;
  manufacturer: string;
}

/** The physiology the generator draws from. */
export interface UserProfile {
  restingHeartRate: number;
  weightKg: number;
  /** Typical walking minutes a day. */
  activeMinutes: number;
  oxygenSaturation: number;
  heartRateVariabilityMs: number;
  /** Share of days with a weigh-in, 0..1. */
  weighInProbability: number;
  /** Seconds between heart-rate samples: 300 by default; a Fitbit records every 1 to 5 s (1 = 86,400 a day). */
  heartRateIntervalSeconds: number;
  device: DeviceDescription;
}

export const DEFAULT_PROFILE: UserProfile = {
  restingHeartRate: 62,
  weightKg: 82,
  activeMinutes: 70,
  oxygenSaturation: 96.5,
  heartRateVariabilityMs: 38,
  weighInProbability: 0.35,
  heartRateIntervalSeconds: 300,
  device: { displayName: 'Charge 6', formFactor: 'FITNESS_BAND', manufacturer: 'Google' },
};

export interface SimulatedUser {
  userKey: string;
  healthUserId: string;
  legacyUserId: string;
  timezone: string;
  profile: UserProfile;
  /** Generated data starts at local midnight of this date (YYYY-MM-DD). */
  dataStartDate: string;
  /** No point after this instant reaches the API (the watch stopped syncing). */
  syncStoppedAtMs: number | undefined;
  /** false: the API answers ACCOUNT_NOT_LINKED (no Google Health profile yet). */
  accountLinked: boolean;
  /** true: every call, identity included, answers 403 RESOURCE_PERMISSION_DENIED until consent is given again. */
  permissionDenied: boolean;
  injected: Map<DataTypeName, DataPointInput[]>;
  /** Types whose generated data is replaced wholesale by the injected points. */
  replacedTypes: Set<DataTypeName>;
  /** Bumped on every data change, to invalidate cached listings. */
  revision: number;
}
