export type RecordingMethod = 'device-measured' | 'manual' | 'derived' | 'passively-measured' | 'unknown';

/** Where a reading came from, kept so a clinician can judge how far to trust it. */
export interface Provenance {
  /** e.g. 'bluetooth-0x2a35', 'json', 'fhir', 'google-health'. */
  source: string;
  /** Our device id for uploads, or the upstream device's display name. */
  deviceId?: string;
  recordingMethod: RecordingMethod;
  /** Upstream identity of the record, when the source has one. */
  sourceRecordId?: string;
  /** The value exactly as received, before unit conversion. */
  original?: { value: unknown; unit?: string };
  platform?: string;
}
