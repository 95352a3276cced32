import { describeZodIssues } from '../zod-issues.js';
import { normaliseBluetoothReading } from './bluetooth-reading.js';
import { InvalidUploadError, type ItemOutcome, type NormaliseContext, rejected } from './item-outcome.js';
import { normaliseJsonReading } from './json-reading.js';
import { uploadEnvelopeSchema } from './upload-payload.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates and normalises an `application/json` body, `{"readings": [...]}`, without I/O.
 * Throws InvalidUploadError when the envelope is wrong (nothing is stored); otherwise returns one outcome per item,
 * in order. An item with a `bluetooth` field is a forwarded 0x2A35 value, any other object the JSON form.
 */
export const validateAndNormaliseJsonReadings = (body: unknown, context: NormaliseContext): ItemOutcome[] => {
  const envelope = uploadEnvelopeSchema.safeParse(body);
  if (!envelope.success) {
    throw new InvalidUploadError('The body must be {"readings": [...]}', describeZodIssues(envelope.error));
  }
  const items = envelope.data.readings;
  const outcomes: ItemOutcome[] = new Array(items.length);
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    outcomes[index] = !isRecord(item)
      ? rejected('each reading must be an object')
      : 'bluetooth' in item
        ? normaliseBluetoothReading(item, context)
        : normaliseJsonReading(item, context);
  }
  return outcomes;
};
