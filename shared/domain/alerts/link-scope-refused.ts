import type { Alert } from '../alert.js';
import type { DataScopeName } from '../link/google-scopes.js';
import { scopeRefusedGuidance } from './guidance.js';
import { newAlert } from './new-alert.js';

/** Plain names of the data types, as staff would say them to a member. */
const PLAIN_NAMES: Record<string, string> = {
  'heart-rate': 'heart rate',
  'daily-resting-heart-rate': 'resting heart rate',
  steps: 'steps',
  sleep: 'sleep',
  weight: 'weight',
  'oxygen-saturation': 'blood oxygen',
  'daily-oxygen-saturation': 'nightly blood oxygen',
  'heart-rate-variability': 'heart-rate variability',
};

export interface ScopeRefusedInput {
  memberId: string;
  memberName?: string;
  timezone: string;
  /** The link this applies to (its linkedAt): a new consent is a new episode. */
  linkedAt: string;
  scope: DataScopeName;
  /** The refused data types behind that scope. */
  dataTypes: readonly string[];
  detectedAt: Date;
}

/**
 * link-scope-refused: the member left a scope unticked at Google's consent screen, so those types answer
 * 403 while the others sync. A staff task, not a failure: one per scope per link (episode
 * `<linkedAt>#<scope>`), however many syncs see the 403.
 */
export const buildScopeRefusedAlert = (input: ScopeRefusedInput): Alert => {
  const names = input.dataTypes.map((type) => PLAIN_NAMES[type] ?? type);
  const listed =
    names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return newAlert({
    subject: {
      memberId: input.memberId,
      ...(input.memberName === undefined ? {} : { name: input.memberName }),
      timezone: input.timezone,
    },
    rule: 'link-scope-refused',
    severity: 'staff-task',
    episode: `${input.linkedAt}#${input.scope.replaceAll(' ', '-')}`,
    raisedAt: input.detectedAt,
    readings: [],
    thresholds: {},
    explanation:
      `When the member linked their Fitbit they did not allow sharing of ${input.scope} data, so ${listed} ` +
      'cannot reach the care team (everything else they shared still does). Please ask the member whether they ' +
      `would like to re-consent to ${names[0] ?? input.scope}; if so, send a new link invitation and ask them ` +
      'to leave every box ticked.',
    guidance: scopeRefusedGuidance,
  });
};
