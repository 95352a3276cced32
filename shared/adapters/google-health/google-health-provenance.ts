import type { Provenance, RecordingMethod } from '../../domain/provenance.js';
import type { DataSource } from './data-point-schemas.js';

const RECORDING_METHODS: Record<string, RecordingMethod> = {
  MANUAL: 'manual',
  PASSIVELY_MEASURED: 'passively-measured',
  DERIVED: 'derived',
  ACTIVELY_MEASURED: 'device-measured',
};

/** The last path segment of a resource name, e.g. users/me/dataTypes/sleep/dataPoints/abc -> abc. */
export const recordIdOf = (name: string | undefined): string | undefined => {
  const id = name?.split('/').pop();
  return id === undefined || id === '' ? undefined : id;
};

/**
 * The upstream record id of a point: `name` on a listed DataPoint, `dataPointName` on a reconciled one.
 * A reconciled point's name is often empty, so this is often undefined.
 */
export const upstreamRecordId = (point: { name?: string; dataPointName?: string }): string | undefined =>
  recordIdOf(point.name) ?? recordIdOf(point.dataPointName);

/**
 * Provenance of one upstream data point, so a clinician can see which device (or a manual entry) it was.
 * Reconciled points carry no dataSource: their recording method is honestly 'unknown', never guessed.
 */
export const googleHealthProvenance = (
  dataSource: DataSource | undefined,
  sourceRecordId?: string,
  original?: Provenance['original'],
): Provenance => ({
  source: 'google-health',
  recordingMethod: RECORDING_METHODS[dataSource?.recordingMethod ?? 'UNKNOWN'] ?? 'unknown',
  ...(dataSource?.platform === undefined ? {} : { platform: dataSource.platform }),
  ...(dataSource?.device?.displayName === undefined ? {} : { deviceId: dataSource.device.displayName }),
  ...(sourceRecordId === undefined ? {} : { sourceRecordId }),
  ...(original === undefined ? {} : { original }),
});
