import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import * as z from '../../shared/domain/zod-mini.js';

/** The part of the HTTP API (payload 2.0) REQUEST authoriser event this function reads. */
const authorizerEventSchema = z.object({
  headers: z.optional(z.record(z.string(), z.string())),
  identitySource: z.nullish(z.array(z.string())),
});

/** The Authorization header (HTTP API lower-cases header names), else the configured identity source. */
export const authorizationOf = (event: APIGatewayRequestAuthorizerEventV2): string | undefined => {
  const parsed = authorizerEventSchema.safeParse(event);
  if (!parsed.success) return undefined;
  return parsed.data.headers?.authorization ?? parsed.data.identitySource?.[0];
};

export interface DeviceAuthorizerResult {
  isAuthorized: boolean;
  context?: { memberId: string; deviceId: string };
}
