/**
 * The export profile: which LOINC code and UCUM unit each metric is exported with (docs/fhir.md).
 * Steps use 41950-7 "Number of steps in 24 hour Measured" because the stored value is a member-local day total.
 */
export const LOINC_SYSTEM = 'http://loinc.org';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
export const OBSERVATION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';

export const EXPORT_CODES = {
  bloodPressurePanel: { code: '85354-9', display: 'Blood pressure panel with all children optional' },
  systolic: { code: '8480-6', display: 'Systolic blood pressure' },
  diastolic: { code: '8462-4', display: 'Diastolic blood pressure' },
  heartRate: { code: '8867-4', display: 'Heart rate' },
  restingHeartRate: { code: '40443-4', display: 'Heart rate --resting' },
  steps: { code: '41950-7', display: 'Number of steps in 24 hour Measured' },
  oxygenSaturation: { code: '2708-6', display: 'Oxygen saturation in Arterial blood' },
  oxygenSaturationByPulseOximetry: {
    code: '59408-5',
    display: 'Oxygen saturation in Arterial blood by Pulse oximetry',
  },
  bodyWeight: { code: '29463-7', display: 'Body weight' },
  sleepDuration: { code: '93832-4', display: 'Sleep duration' },
} as const;

export const UNITS = {
  mmHg: { unit: 'mmHg', code: 'mm[Hg]' },
  perMinute: { unit: 'beats/minute', code: '/min' },
  steps: { unit: 'steps', code: '{steps}' },
  percent: { unit: '%', code: '%' },
  kilograms: { unit: 'kg', code: 'kg' },
  minutes: { unit: 'min', code: 'min' },
} as const;

/** Query `code` values accepted by the export, e.g. `code=85354-9` or `code=http://loinc.org|8867-4`. */
export const EXPORTABLE_CODES = [
  EXPORT_CODES.bloodPressurePanel.code,
  EXPORT_CODES.heartRate.code,
  EXPORT_CODES.restingHeartRate.code,
  EXPORT_CODES.steps.code,
  EXPORT_CODES.oxygenSaturation.code,
  EXPORT_CODES.oxygenSaturationByPulseOximetry.code,
  EXPORT_CODES.bodyWeight.code,
  EXPORT_CODES.sleepDuration.code,
] as const;

/** Identifier system of members in exported resources (`subject.identifier`). */
export const MEMBER_IDENTIFIER_SYSTEM = 'urn:pulse-relay:member';
