import type { BloodPressureReading } from '../blood-pressure-reading.js';
import type { Metric } from '../metric.js';
import type { Reading } from '../reading.js';
import {
  EXPORT_CODES,
  LOINC_SYSTEM,
  MEMBER_IDENTIFIER_SYSTEM,
  OBSERVATION_CATEGORY_SYSTEM,
  UCUM_SYSTEM,
  UNITS,
} from './observation-profile.js';

type Code = { code: string; display: string };
type Unit = { unit: string; code: string };

export interface FhirObservation {
  resourceType: 'Observation';
  id?: string;
  meta: { source: string; profile?: string[] };
  status: 'final';
  category: { coding: { system: string; code: string; display: string }[] }[];
  code: { coding: { system: string; code: string; display: string }[]; text: string };
  subject: { identifier: { system: string; value: string } };
  effectiveDateTime?: string;
  effectivePeriod?: { start: string; end?: string };
  device?: { display: string };
  valueQuantity?: { value: number; unit: string; system: string; code: string };
  component?: {
    code: { coding: { system: string; code: string; display: string }[] };
    valueQuantity: { value: number; unit: string; system: string; code: string };
  }[];
  note?: { text: string }[];
}

export interface ObservationBundle {
  resourceType: 'Bundle';
  type: 'searchset';
  timestamp: string;
  total: number;
  link: { relation: 'self'; url: string }[];
  entry: { fullUrl?: string; resource: FhirObservation; search: { mode: 'match' } }[];
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** An instant as a FHIR dateTime in the offset that applied where it was taken, e.g. 2026-11-20T07:31:00+00:00. */
export const withOffset = (utcIso: string, offsetMinutes: number): string => {
  const local = new Date(Date.parse(utcIso) + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetMinutes);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`
  );
};

const loinc = (...codes: Code[]) => ({
  coding: codes.map(({ code, display }) => ({ system: LOINC_SYSTEM, code, display })),
});
const quantity = (value: number, unit: Unit) => ({
  value,
  unit: unit.unit,
  system: UCUM_SYSTEM,
  code: unit.code,
});
const category = (code: 'vital-signs' | 'activity') => [
  {
    coding: [
      {
        system: OBSERVATION_CATEGORY_SYSTEM,
        code,
        display: code === 'vital-signs' ? 'Vital Signs' : 'Activity',
      },
    ],
  },
];
const mean = (samples: Array<[number, number]>): number =>
  Math.round((samples.reduce((sum, [, value]) => sum + value, 0) / samples.length) * 10) / 10;

const VITAL_SIGNS_PROFILE = 'http://hl7.org/fhir/StructureDefinition/vitalsigns';
const BP_PROFILE = 'http://hl7.org/fhir/StructureDefinition/bp';

/** What every exported Observation shares: subject, status, provenance (meta.source and the device). */
const base = (reading: Reading, profile?: string) => ({
  resourceType: 'Observation' as const,
  // Only an upstream record id is kept as the resource id, so a re-import keys the reading as it was stored.
  ...(reading.provenance.sourceRecordId === undefined ? {} : { id: reading.provenance.sourceRecordId }),
  meta: {
    source: `urn:pulse-relay:source:${reading.provenance.source}`,
    ...(profile === undefined ? {} : { profile: [profile] }),
  },
  status: 'final' as const,
  subject: { identifier: { system: MEMBER_IDENTIFIER_SYSTEM, value: reading.memberId } },
  ...(reading.provenance.deviceId === undefined ? {} : { device: { display: reading.provenance.deviceId } }),
});

const period = (reading: Exclude<Reading, BloodPressureReading>) => ({
  effectivePeriod: {
    start: withOffset(reading.measuredAt, reading.utcOffsetMinutes),
    ...(reading.endAt === undefined ? {} : { end: withOffset(reading.endAt, reading.utcOffsetMinutes) }),
  },
});

/** One stored reading as a FHIR R4 Observation; undefined for metrics outside the export profile. */
export const toFhirObservation = (reading: Reading): FhirObservation | undefined => {
  switch (reading.metric) {
    case 'blood-pressure':
      return {
        ...base(reading, BP_PROFILE),
        category: category('vital-signs'),
        code: { ...loinc(EXPORT_CODES.bloodPressurePanel), text: 'Blood pressure' },
        effectiveDateTime: withOffset(reading.measuredAt, reading.utcOffsetMinutes),
        component: [
          { code: loinc(EXPORT_CODES.systolic), valueQuantity: quantity(reading.systolic, UNITS.mmHg) },
          { code: loinc(EXPORT_CODES.diastolic), valueQuantity: quantity(reading.diastolic, UNITS.mmHg) },
        ],
      };
    case 'heart-rate':
      if (reading.samples.length === 0) return undefined;
      return {
        ...base(reading, VITAL_SIGNS_PROFILE),
        category: category('vital-signs'),
        code: { ...loinc(EXPORT_CODES.heartRate), text: 'Heart rate' },
        ...period(reading),
        valueQuantity: quantity(mean(reading.samples), UNITS.perMinute),
        note: [{ text: `Mean of ${reading.samples.length} wearable samples over the period.` }],
      };
    case 'resting-heart-rate':
      return {
        ...base(reading, VITAL_SIGNS_PROFILE),
        category: category('vital-signs'),
        code: { ...loinc(EXPORT_CODES.restingHeartRate), text: 'Resting heart rate' },
        ...period(reading),
        valueQuantity: quantity(reading.beatsPerMinute, UNITS.perMinute),
      };
    case 'steps':
      return {
        ...base(reading),
        category: category('activity'),
        code: { ...loinc(EXPORT_CODES.steps), text: 'Steps in the day' },
        ...period(reading),
        valueQuantity: quantity(reading.total, UNITS.steps),
      };
    case 'oxygen-saturation':
      if (reading.samples.length === 0) return undefined;
      return {
        ...base(reading, VITAL_SIGNS_PROFILE),
        category: category('vital-signs'),
        code: {
          ...loinc(EXPORT_CODES.oxygenSaturation, EXPORT_CODES.oxygenSaturationByPulseOximetry),
          text: 'Oxygen saturation (wearable estimate)',
        },
        ...period(reading),
        valueQuantity: quantity(mean(reading.samples), UNITS.percent),
        note: [
          {
            text: `Mean of ${reading.samples.length} wearable samples; a wearable estimate, not a fingertip oximeter.`,
          },
        ],
      };
    case 'daily-oxygen-saturation':
      return {
        ...base(reading, VITAL_SIGNS_PROFILE),
        category: category('vital-signs'),
        code: {
          ...loinc(EXPORT_CODES.oxygenSaturation, EXPORT_CODES.oxygenSaturationByPulseOximetry),
          text: 'Overnight oxygen saturation (wearable estimate)',
        },
        ...period(reading),
        valueQuantity: quantity(reading.averagePercentage, UNITS.percent),
      };
    case 'weight':
      return {
        ...base(reading, VITAL_SIGNS_PROFILE),
        category: category('vital-signs'),
        code: { ...loinc(EXPORT_CODES.bodyWeight), text: 'Body weight' },
        effectiveDateTime: withOffset(reading.measuredAt, reading.utcOffsetMinutes),
        valueQuantity: quantity(reading.kilograms, UNITS.kilograms),
      };
    case 'sleep':
      return {
        ...base(reading),
        category: category('activity'),
        code: { ...loinc(EXPORT_CODES.sleepDuration), text: reading.nap ? 'Nap duration' : 'Sleep duration' },
        ...period(reading),
        valueQuantity: quantity(reading.minutesAsleep, UNITS.minutes),
      };
    case 'heart-rate-variability':
      return undefined;
  }
};

/** Which stored metrics a LOINC code selects. */
export const METRICS_FOR_CODE: Record<string, Metric[]> = {
  [EXPORT_CODES.bloodPressurePanel.code]: ['blood-pressure'],
  [EXPORT_CODES.heartRate.code]: ['heart-rate'],
  [EXPORT_CODES.restingHeartRate.code]: ['resting-heart-rate'],
  [EXPORT_CODES.steps.code]: ['steps'],
  [EXPORT_CODES.oxygenSaturation.code]: ['oxygen-saturation', 'daily-oxygen-saturation'],
  [EXPORT_CODES.oxygenSaturationByPulseOximetry.code]: ['oxygen-saturation', 'daily-oxygen-saturation'],
  [EXPORT_CODES.bodyWeight.code]: ['weight'],
  [EXPORT_CODES.sleepDuration.code]: ['sleep'],
};

/** Stored readings as a FHIR R4 searchset Bundle, oldest first. */
export const buildObservationBundle = (
  readings: readonly Reading[],
  options: { selfUrl: string; now: Date; baseUrl: string },
): ObservationBundle => {
  const observations = [...readings]
    .sort((a, b) => a.measuredAt.localeCompare(b.measuredAt))
    .map(toFhirObservation)
    .filter((observation): observation is FhirObservation => observation !== undefined);
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    timestamp: options.now.toISOString(),
    total: observations.length,
    link: [{ relation: 'self', url: options.selfUrl }],
    entry: observations.map((resource) => ({
      ...(resource.id === undefined
        ? {}
        : { fullUrl: `${options.baseUrl}/fhir/R4/Observation/${resource.id}` }),
      resource,
      search: { mode: 'match' },
    })),
  };
};
