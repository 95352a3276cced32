import { interceptLocalhostDns } from 'fauxqs';

let installed = false;

/**
 * fauxqs queue URLs look like http://sqs.eu-west-2.localhost:PORT/..., and the SQS client sends
 * requests to the queue URL's host. RFC 6761 reserves *.localhost for loopback, but not every
 * resolver honours that, so make Node resolve it to 127.0.0.1. Idempotent; once per process.
 */
export const resolveLocalhostSubdomains = (): void => {
  if (installed) return;
  interceptLocalhostDns('localhost');
  installed = true;
};
