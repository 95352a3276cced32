import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { exportObservations, MemberNotVisibleError } from '../../shared/domain/fhir/export-observations.js';
import type { StaffPrincipal } from '../../shared/domain/ports/staff-access.js';
import { ForbiddenError, UnauthorizedError } from '../../shared/runtime/http/http-errors.js';
import type { HttpRoute } from '../../shared/runtime/http/http-handler.js';

/** The staff principal the (staff) authoriser puts in the request context; absent means not signed in. */
const staffContextSchema = z.object({
  authorizer: z.object({
    lambda: z.object({
      staffId: z.string().min(1),
      teamIds: z.union([
        z.array(z.string()),
        z.string().transform((value) => value.split(',').filter(Boolean)),
      ]),
    }),
  }),
});

export const staffPrincipalOf = (event: APIGatewayProxyEventV2): StaffPrincipal => {
  const parsed = staffContextSchema.safeParse(event.requestContext);
  if (!parsed.success) throw new UnauthorizedError('Sign in as a member of staff to export data');
  return parsed.data.authorizer.lambda;
};

/** GET /fhir/R4/Observation?subject=<memberId>&date=ge…&date=le…&code=… */
export const createExportRoute =
  (deps: Parameters<typeof exportObservations>[1]): HttpRoute =>
  async (event) => {
    const principal = staffPrincipalOf(event);
    const query = new URLSearchParams(event.rawQueryString);
    try {
      const bundle = await exportObservations(
        {
          principal,
          search: {
            subject: query.get('subject') ?? '',
            date: query.getAll('date'),
            code: query.getAll('code'),
          },
          selfUrl: `${deps.baseUrl}${event.rawPath}${event.rawQueryString === '' ? '' : `?${event.rawQueryString}`}`,
        },
        deps,
      );
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/fhir+json', 'cache-control': 'no-store' },
        body: JSON.stringify(bundle),
      };
    } catch (error) {
      if (error instanceof MemberNotVisibleError) throw new ForbiddenError('You may not see this member');
      throw error;
    }
  };
