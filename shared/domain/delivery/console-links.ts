/**
 * Links into the care-team console (served under /console by the same API). An email or webhook carries
 * only this link: reading what happened needs a signed-in member of the member's team.
 */
const base = (publicBaseUrl: string) => publicBaseUrl.replace(/\/+$/, '');

/** The alert's page: `/console/alerts/<alertKey>` (the key has `#` and `:`, so it is encoded). */
export const alertConsoleUrl = (publicBaseUrl: string, alertKey: string): string =>
  `${base(publicBaseUrl)}/console/alerts/${encodeURIComponent(alertKey)}`;

export const memberConsoleUrl = (publicBaseUrl: string, memberId: string): string =>
  `${base(publicBaseUrl)}/console/members/${encodeURIComponent(memberId)}`;
