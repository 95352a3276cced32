import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { alertMessageSchema } from '../../../../shared/domain/alerts/alert-message-schema.js';

const doc = readFileSync(new URL('../../../../docs/alert-message.md', import.meta.url), 'utf8');

/** The JSON Schema (draft 2020-12) published in docs/alert-message.md. */
const alertMessageJsonSchema = (): Record<string, unknown> =>
  z.toJSONSchema(alertMessageSchema, {
    target: 'draft-2020-12',
    // 'format: date-time' says it; zod's long equivalent regex only makes the published schema unreadable.
    override: (context) => {
      if (context.jsonSchema.format === 'date-time') {
        delete context.jsonSchema.pattern;
      }
    },
  }) as Record<string, unknown>;

/** The first ```json block after a heading. */
const jsonAfter = (heading: string): unknown => {
  const section = doc.slice(doc.indexOf(heading));
  const match = /```json\n([\s\S]*?)\n```/.exec(section);
  if (doc.indexOf(heading) === -1 || match?.[1] === undefined)
    throw new Error(`no json block after ${heading}`);
  return JSON.parse(match[1]);
};

describe('docs/alert-message.md', () => {
  it('publishes exactly the JSON Schema generated from alertMessageSchema', () => {
    expect(jsonAfter('## JSON Schema')).toEqual(alertMessageJsonSchema());
  });

  it('shows an example that is a valid alert message', () => {
    expect(() => alertMessageSchema.parse(jsonAfter('## Example'))).not.toThrow();
  });

  it('rejects a message with an unknown severity or a missing explanation', () => {
    const example = jsonAfter('## Example') as Record<string, unknown>;
    expect(alertMessageSchema.safeParse({ ...example, severity: 'critical' }).success).toBe(false);
    const { explanation: _explanation, ...withoutExplanation } = example;
    expect(alertMessageSchema.safeParse(withoutExplanation).success).toBe(false);
  });
});
