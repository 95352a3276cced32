import { describe, expect, it } from 'vitest';
import {
  buildOpenApiDocument,
  formatJsonDocument,
} from '../../../../functions/ingest-blood-pressure/openapi-document.js';

describe('docs/openapi.json', () => {
  it('is in step with the zod schemas (regenerate with -u)', async () => {
    await expect(formatJsonDocument(buildOpenApiDocument())).toMatchFileSnapshot(
      '../../../../docs/openapi.json',
    );
  });

  it('documents every status the handler can answer', () => {
    const responses = buildOpenApiDocument().paths['/v1/blood-pressure'].post.responses;
    expect(Object.keys(responses).sort()).toEqual(['200', '400', '401', '403', '413', '415', '422', '500']);
  });

  it('refers only to schemas it defines', () => {
    const document = buildOpenApiDocument();
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const id of refs) expect(Object.keys(document.components.schemas)).toContain(id);
  });
});
