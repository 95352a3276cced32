import type { FunctionName, HandlerLoader } from '../../../local/local-stack.js';

/** Static import paths, so vitest can load the handlers (it cannot resolve the stack's computed paths). */
export const HANDLER_LOADERS: Record<FunctionName, HandlerLoader> = {
  'ingest-blood-pressure': () => import('../../../functions/ingest-blood-pressure/handler.js'),
  'authorize-device': () => import('../../../functions/authorize-device/handler.js'),
  'evaluate-alerts': () => import('../../../functions/evaluate-alerts/handler.js'),
  'google-health-webhook': () => import('../../../functions/google-health-webhook/handler.js'),
  'link-pages': () => import('../../../functions/link-pages/handler.js'),
  'sync-worker': () => import('../../../functions/sync-worker/handler.js'),
  'catch-up': () => import('../../../functions/catch-up/handler.js'),
  'weekly-summary': () => import('../../../functions/weekly-summary/handler.js'),
  'alert-follow-up': () => import('../../../functions/alert-follow-up/handler.js'),
  'deliver-alerts': () => import('../../../functions/deliver-alerts/handler.js'),
  console: () => import('../../../functions/console/handler.js'),
  'console-sign-in': () => import('../../../functions/console-sign-in/handler.js'),
  'console-actions': () => import('../../../functions/console-actions/handler.js'),
  'console-invitations': () => import('../../../functions/console-invitations/handler.js'),
  'fhir-export': () => import('../../../functions/fhir-export/handler.js'),
};
