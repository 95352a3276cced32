import type { ReadingQualityFlag } from '../blood-pressure-reading.js';
import { describeZodIssues } from '../zod-issues.js';
import * as z from '../zod-mini.js';
import { assembleReading } from './assemble-reading.js';
import { describeItemIssues } from './item-issues.js';
import { InvalidUploadError, type ItemOutcome, type NormaliseContext, rejected } from './item-outcome.js';
import { type PressureUnit, parsePressureUnit, toMmHg } from './pressure-unit.js';
import { parseRfc3339WithOffset, RFC3339_WITH_OFFSET } from './rfc3339.js';
import { MAX_READINGS_PER_UPLOAD } from './upload-payload.js';

/** LOINC codes of the FHIR R4 vital-signs blood-pressure profile (http://hl7.org/fhir/StructureDefinition/bp). */
export const LOINC = {
  bloodPressurePanel: '85354-9',
  systolic: '8480-6',
  diastolic: '8462-4',
  meanArterialPressure: '8478-0',
  pulse: '8867-4',
} as const;

const LOINC_SYSTEM = 'http://loinc.org';
/** Statuses that say the observation is not a real measurement. */
const REFUSED_STATUSES = new Set(['entered-in-error', 'cancelled']);

const codingSchema = z.object({ system: z.optional(z.string()), code: z.optional(z.string()) });
const codeableConceptSchema = z.object({ coding: z.optional(z.array(codingSchema)) });
const quantitySchema = z.object({
  value: z.number(),
  unit: z.optional(z.string()),
  system: z.optional(z.string()),
  code: z.optional(z.string()),
});

/** FHIR resources carry many fields we do not use (meta, subject, performer...): extra fields are allowed here. */
export const bloodPressureObservationSchema = z.object({
  resourceType: z.literal('Observation'),
  id: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  status: z.string(),
  code: codeableConceptSchema,
  effectiveDateTime: z.string().check(
    z.regex(RFC3339_WITH_OFFSET, {
      message: 'must be a date-time with a time and an offset, e.g. 2026-11-20T07:31:00+00:00',
    }),
  ),
  component: z.array(z.object({ code: codeableConceptSchema, valueQuantity: z.optional(quantitySchema) })),
});

export const fhirBundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.object({ resource: z.unknown() })).check(
    z.minLength(1, { message: 'the Bundle has no entries' }),
    z.maxLength(MAX_READINGS_PER_UPLOAD, {
      message: `at most ${MAX_READINGS_PER_UPLOAD} entries per request; split the upload`,
    }),
  ),
});

type CodeableConcept = z.infer<typeof codeableConceptSchema>;
type Quantity = z.infer<typeof quantitySchema>;

const hasLoinc = (concept: CodeableConcept, code: string): boolean =>
  (concept.coding ?? []).some(
    (coding) => coding.code === code && (coding.system ?? LOINC_SYSTEM) === LOINC_SYSTEM,
  );

/**
 * UCUM `mm[Hg]` or `kPa`, or their common free-text spellings (`mmHg`, `mm Hg`, `mmhg`, `kpa`...): the code
 * first, then the human-readable unit. A quantity with neither is read as mmHg, the profile's only unit.
 */
const pressureUnitOf = (quantity: Quantity): PressureUnit | undefined => {
  if (quantity.code === undefined && quantity.unit === undefined) return 'mmHg';
  return (
    (quantity.code === undefined ? undefined : parsePressureUnit(quantity.code)) ??
    (quantity.unit === undefined ? undefined : parsePressureUnit(quantity.unit))
  );
};

const PULSE_UNITS = new Set(['/min', '{beats}/min', 'beats/min', 'beats/minute', 'bpm', '/minute']);
const isPulseUnit = (text: string | undefined): boolean =>
  text === undefined || PULSE_UNITS.has(text.toLowerCase().replace(/\s/g, ''));

const resourceTypeOf = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && 'resourceType' in value ? value.resourceType : undefined;

/** Validates and normalises one FHIR R4 blood-pressure Observation. */
export const normaliseFhirObservation = (resource: unknown, context: NormaliseContext): ItemOutcome => {
  const resourceType = resourceTypeOf(resource);
  if (resourceType !== 'Observation') {
    return rejected(`resourceType: must be Observation, not ${String(resourceType ?? 'missing')}`);
  }
  const parsed = bloodPressureObservationSchema.safeParse(resource);
  if (!parsed.success) return rejected(describeItemIssues(parsed.error));
  const observation = parsed.data;
  if (!hasLoinc(observation.code, LOINC.bloodPressurePanel)) {
    return rejected(`code: must be LOINC ${LOINC.bloodPressurePanel} (blood pressure panel)`);
  }
  if (REFUSED_STATUSES.has(observation.status)) {
    return rejected(`status: an observation that is ${observation.status} is not a measurement`);
  }
  const quantityOf = (code: string): Quantity | undefined =>
    observation.component.find((component) => hasLoinc(component.code, code))?.valueQuantity;

  const systolicQuantity = quantityOf(LOINC.systolic);
  const diastolicQuantity = quantityOf(LOINC.diastolic);
  if (systolicQuantity === undefined || diastolicQuantity === undefined) {
    return rejected(
      `component: needs both systolic (${LOINC.systolic}) and diastolic (${LOINC.diastolic}) with a valueQuantity`,
    );
  }
  const systolicUnit = pressureUnitOf(systolicQuantity);
  const diastolicUnit = pressureUnitOf(diastolicQuantity);
  if (systolicUnit === undefined || diastolicUnit === undefined) {
    return rejected('component: pressures must be in mmHg or kPa (UCUM mm[Hg] or kPa)');
  }
  const pressure = {
    systolic: toMmHg(systolicQuantity.value, systolicUnit),
    diastolic: toMmHg(diastolicQuantity.value, diastolicUnit),
  };
  const instant = parseRfc3339WithOffset(observation.effectiveDateTime);
  if (instant === undefined) return rejected('effectiveDateTime: is not a real date and time', pressure);

  // Side values in a unit we cannot read are dropped and flagged; they never refuse the blood pressure.
  const flags: ReadingQualityFlag[] = [];
  const mapQuantity = quantityOf(LOINC.meanArterialPressure);
  const mapUnit = mapQuantity === undefined ? undefined : pressureUnitOf(mapQuantity);
  if (mapQuantity !== undefined && mapUnit === undefined) flags.push('mean-arterial-pressure-dropped');
  const pulseQuantity = quantityOf(LOINC.pulse);
  const pulseReadable = pulseQuantity !== undefined && isPulseUnit(pulseQuantity.code ?? pulseQuantity.unit);
  if (pulseQuantity !== undefined && !pulseReadable) flags.push('pulse-dropped');

  const converted = systolicUnit === 'kPa' || diastolicUnit === 'kPa';
  return assembleReading(
    {
      ...pressure,
      ...(pulseReadable && pulseQuantity !== undefined ? { pulse: pulseQuantity.value } : {}),
      ...(mapQuantity === undefined || mapUnit === undefined
        ? {}
        : { meanArterialPressure: toMmHg(mapQuantity.value, mapUnit) }),
      deviceMs: instant.epochMs,
      deviceTimeText: observation.effectiveDateTime,
      deviceUtcIso: instant.utcIso,
      utcOffsetMinutes: instant.utcOffsetMinutes,
      flags,
      provenance: {
        source: 'fhir',
        deviceId: context.deviceId,
        recordingMethod: 'device-measured',
        ...(observation.id === undefined ? {} : { sourceRecordId: observation.id }),
        ...(converted
          ? {
              original: {
                value: { systolic: systolicQuantity.value, diastolic: diastolicQuantity.value },
                unit: systolicUnit === diastolicUnit ? systolicUnit : `${systolicUnit}/${diastolicUnit}`,
              },
            }
          : {}),
      },
    },
    context,
  );
};

/**
 * Validates and normalises an `application/fhir+json` body: one Observation, or a Bundle whose entry[].resource
 * are Observations (one outcome per entry, in order). Throws InvalidUploadError for anything else.
 */
export const validateAndNormaliseFhir = (body: unknown, context: NormaliseContext): ItemOutcome[] => {
  const resourceType = resourceTypeOf(body);
  if (resourceType === 'Observation') return [normaliseFhirObservation(body, context)];
  if (resourceType === 'Bundle') {
    const bundle = fhirBundleSchema.safeParse(body);
    if (!bundle.success) {
      throw new InvalidUploadError('The FHIR Bundle is not valid', describeZodIssues(bundle.error));
    }
    return bundle.data.entry.map((entry) => normaliseFhirObservation(entry.resource, context));
  }
  throw new InvalidUploadError('A FHIR body must be an Observation or a Bundle of Observations');
};
