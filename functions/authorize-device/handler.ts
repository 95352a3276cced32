import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { DynamoDbDeviceRegistry } from '../../shared/adapters/dynamodb-device-registry.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { authoriseDevice } from '../../shared/domain/authorise-device.js';
import { systemClock } from '../../shared/domain/clock.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { authorizationOf, type DeviceAuthorizerResult } from './authorizer-event.js';

const logger = createLogger('authorize-device');
const devices = new DynamoDbDeviceRegistry(createDocumentClient(), requireEnv(ENV.directoryTable));

/** HTTP API simple-response authoriser: the device token decides the member; the token is never logged. */
export const handler = middy<APIGatewayRequestAuthorizerEventV2, DeviceAuthorizerResult>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const identity = await authoriseDevice(authorizationOf(event), { devices, clock: systemClock });
    logger.info(identity === undefined ? 'device refused' : 'device authorised', {
      deviceId: identity?.deviceId,
    });
    return identity === undefined ? { isAuthorized: false } : { isAuthorized: true, context: identity };
  });
