import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { $ZodError } from 'zod/v4/core';
import { exportObservations } from '../../shared/domain/fhir/export-observations.js';
import { MemberAccessDeniedError } from '../../shared/domain/staff/member-access.js';
import { describeZodIssues } from '../../shared/domain/zod-issues.js';
import { type HttpResult, jsonResponse } from '../../shared/runtime/http/http-handler.js';
import type { ConsoleDeps, Signed } from './routes.js';

/** A FHIR OperationOutcome: the error shape FHIR clients expect, saying what to do and nothing about the member. */
export const fhirOutcome = (
  statusCode: number,
  code: 'login' | 'forbidden' | 'invalid',
  diagnostics: string,
): HttpResult =>
  jsonResponse(
    statusCode,
    { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] },
    { 'content-type': 'application/fhir+json' },
  );

/**
 * GET /fhir/R4/Observation?subject=<memberId>&date=ge…&date=le…&code=…: the member's readings as a FHIR R4
 * searchset Bundle, after the team check; every export is audited (observations-exported).
 */
export const fhirExport = async (
  deps: ConsoleDeps,
  signed: Signed,
  event: APIGatewayProxyEventV2,
  requestId: string,
): Promise<HttpResult> => {
  const query = new URLSearchParams(event.rawQueryString);
  try {
    const bundle = await exportObservations(
      {
        staff: signed.staff,
        search: {
          subject: query.get('subject') ?? '',
          date: query.getAll('date'),
          code: query.getAll('code'),
        },
        selfUrl: `${deps.publicBaseUrl}${event.rawPath}${event.rawQueryString === '' ? '' : `?${event.rawQueryString}`}`,
        requestId,
      },
      { ...deps, baseUrl: deps.publicBaseUrl },
    );
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/fhir+json', 'cache-control': 'no-store' },
      cookies: [signed.cookie],
      body: JSON.stringify(bundle),
    };
  } catch (error) {
    if (error instanceof MemberAccessDeniedError) {
      return fhirOutcome(403, 'forbidden', 'This member is not in your care teams, or does not exist.');
    }
    if (error instanceof $ZodError) return fhirOutcome(400, 'invalid', describeZodIssues(error).join('; '));
    throw error;
  }
};
