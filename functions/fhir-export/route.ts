import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { $ZodError } from 'zod/v4/core';
import type { Clock } from '../../shared/domain/clock.js';
import { exportObservations } from '../../shared/domain/fhir/export-observations.js';
import type { AuditLog } from '../../shared/domain/ports/audit-log.js';
import type { CareTeamRoster } from '../../shared/domain/ports/care-team-roster.js';
import type { ReadingStore } from '../../shared/domain/ports/reading-store.js';
import type { StaffDirectory } from '../../shared/domain/ports/staff-directory.js';
import { MemberAccessDeniedError } from '../../shared/domain/staff/member-access.js';
import { describeZodIssues } from '../../shared/domain/zod-issues.js';
import { type HttpResult, type HttpRoute, jsonResponse } from '../../shared/runtime/http/http-handler.js';
import type { CookieSettings } from '../console/console-session.js';
import { signedInStaff } from '../console/signed-in-staff.js';

export interface FhirExportDeps {
  cookies: () => Promise<CookieSettings>;
  staff: StaffDirectory;
  roster: CareTeamRoster;
  audit: AuditLog;
  readings: ReadingStore;
  clock: Clock;
  /** Public base URL of the API: the Bundle's self link and fullUrls are under it. */
  publicBaseUrl: string;
  logger: Logger;
}

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

const signInFirst = (): HttpResult =>
  fhirOutcome(401, 'login', 'Sign in to the care-team console first, then export again.');

/**
 * GET /fhir/R4/Observation?subject=<memberId>&date=ge…&date=le…&code=…: the member's readings as a FHIR R4
 * searchset Bundle, for a console session of the member's care team; every export is audited
 * (observations-exported), and so is every refusal.
 */
export const createFhirExportRoute =
  (deps: FhirExportDeps): HttpRoute =>
  async (event) => {
    const who = await signedInStaff(deps, event, signInFirst);
    if ('refusal' in who) return who.refusal;
    const { signed } = who;
    try {
      const bundle = await exportObservations(
        {
          staff: signed.staff,
          search: searchOf(event),
          selfUrl: `${deps.publicBaseUrl}${event.rawPath}${event.rawQueryString === '' ? '' : `?${event.rawQueryString}`}`,
          requestId: event.requestContext.requestId,
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

const searchOf = (event: APIGatewayProxyEventV2) => {
  const query = new URLSearchParams(event.rawQueryString);
  return { subject: query.get('subject') ?? '', date: query.getAll('date'), code: query.getAll('code') };
};
