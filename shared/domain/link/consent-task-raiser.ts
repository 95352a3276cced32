/**
 * Tells staff that some of a member's data types were refused at consent (a link-scope-refused task per
 * scope). The composition wires this to the alerts module; the member is not contacted automatically.
 */
export interface ConsentTaskRaiser {
  raiseScopeRefused(input: {
    memberId: string;
    timezone: string;
    linkedAt: string;
    refusedTypes: readonly string[];
    at: Date;
  }): Promise<void>;
}
