// Kept free of CDK imports: the local stack reads it too.
/** The console's routes: every method, so its forms can post; the function dispatches by path. */
export const CONSOLE_ROUTES = ['/console', '/console/{proxy+}'] as const;

/** FHIR R4 search, served by the console function with the same signed-in session and team check. */
export const FHIR_ROUTES = ['/fhir/R4/Observation'] as const;
