/**
 * Tells staff that a member's Google Health link needs making again (a link-needs-relink alert). The
 * composition wires this to the alerts module; the member is not contacted automatically.
 */
export interface RelinkAlertRaiser {
  raiseNeedsRelink(memberId: string, at: Date): Promise<void>;
}
