import type { AlertSubject } from '../../../../shared/domain/alerts/alert-subject.js';
import type {
  BloodPressureFacts,
  DailyOxygenSaturationFacts,
  RestingHeartRateFacts,
} from '../../../../shared/domain/alerts/reading-facts.js';
import type { MeasurementStatus } from '../../../../shared/domain/blood-pressure-reading.js';
import type { DailyOxygenSaturation } from '../../../../shared/domain/wearable-reading.js';

export const SUBJECT: AlertSubject = { memberId: 'm-1', name: 'Sam Example', timezone: 'Europe/London' };
export const NOW = new Date('2026-11-20T09:00:00.000Z');

export const bp = (
  systolic: number,
  diastolic: number,
  measuredAt = '2026-11-20T07:31:00.000Z',
  status?: MeasurementStatus,
): BloodPressureFacts => ({
  metric: 'blood-pressure',
  memberId: SUBJECT.memberId,
  measuredAt,
  systolic,
  diastolic,
  ...(status === undefined ? {} : { status }),
  provenance: { source: 'bluetooth-0x2a35', recordingMethod: 'device-measured' as const },
});

export const restingHr = (beatsPerMinute: number, localDate = '2026-11-19'): RestingHeartRateFacts => ({
  metric: 'resting-heart-rate',
  memberId: SUBJECT.memberId,
  measuredAt: `${localDate}T00:00:00.000Z`,
  localDate,
  beatsPerMinute,
  provenance: { source: 'google-health', recordingMethod: 'device-measured' as const },
});

export const dailySpo2 = (
  averagePercentage: number,
  localDate = '2026-11-19',
): DailyOxygenSaturationFacts => ({
  metric: 'daily-oxygen-saturation',
  memberId: SUBJECT.memberId,
  measuredAt: `${localDate}T00:00:00.000Z`,
  localDate,
  averagePercentage,
  provenance: { source: 'google-health', recordingMethod: 'device-measured' as const },
});

export const cleanStatus: MeasurementStatus = {
  bodyMovement: false,
  cuffTooLoose: false,
  irregularPulse: false,
  pulseRateRange: 0,
  improperPosition: false,
  raw: 0,
};

/** A stored nightly SpO2 reading (the full Reading shape), for the readings a rule looks back at. */
export const storedSpo2 = (averagePercentage: number, localDate: string): DailyOxygenSaturation => ({
  ...dailySpo2(averagePercentage, localDate),
  utcOffsetMinutes: 0,
  provenance: { source: 'google-health', recordingMethod: 'device-measured' },
});
