import type { Alert, AlertNotification } from '../domain/alert.js';
import type { GoogleOAuth } from '../domain/link/google-oauth.js';
import type { RelinkAlertRaiser } from '../domain/link/relink-alert-raiser.js';
import type { AlertPublisher } from '../domain/ports/alert-publisher.js';
import { type GoogleCallOutcome, METRIC } from '../runtime/metric-catalogue.js';
import { recordCounts } from '../runtime/metrics.js';

/**
 * Decorators that count what passes through a port, so the domain stays free of metrics. Each records
 * only after the wrapped call, with labels, never identifiers or health values.
 */

/**
 * Counts alerts raised (a new episode's first message) by rule and severity; escalations, reminders and
 * resolved notices are later messages of an alert already counted.
 */
export const meteredAlertPublisher = (inner: AlertPublisher): AlertPublisher => ({
  async publish(alert: Alert, notification: AlertNotification): Promise<void> {
    await inner.publish(alert, notification);
    if (notification.kind !== 'raised') return;
    recordCounts({ rule: alert.rule, severity: alert.severity }, { [METRIC.alertsRaised]: 1 });
  },
});

/** Counts refresh-token grants by outcome; the other OAuth calls pass through untouched. */
export const meteredOAuth = (inner: GoogleOAuth): GoogleOAuth => ({
  authorizationUrl: (request) => inner.authorizationUrl(request),
  exchangeCode: (request) => inner.exchangeCode(request),
  revoke: (token) => inner.revoke(token),
  async refresh(refreshToken) {
    try {
      const granted = await inner.refresh(refreshToken);
      recordCounts({ outcome: 'refreshed' }, { [METRIC.tokenRefreshes]: 1 });
      return granted;
    } catch (error) {
      recordCounts({ outcome: 'failed' }, { [METRIC.tokenRefreshes]: 1 });
      throw error;
    }
  },
});

/** Counts links that need the member to link again. */
export const meteredRelinkRaiser = (inner: RelinkAlertRaiser): RelinkAlertRaiser => ({
  async raiseNeedsRelink(memberId, at) {
    await inner.raiseNeedsRelink(memberId, at);
    recordCounts({}, { [METRIC.relinksNeeded]: 1 });
  },
});

export const googleCallOutcomeOf = (status: number): GoogleCallOutcome => {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  return 'client-error';
};

/**
 * Google Health requests counted by outcome between flushes. A sync job makes about three requests; one
 * GoogleCalls EMF line per outcome per job, rather than one per request, writes a third of the bytes
 * (docs/deploy.md, "Logs") with the same sums in CloudWatch.
 */
export class GoogleCallTally {
  private readonly counts = new Map<GoogleCallOutcome, number>();

  add(outcome: GoogleCallOutcome): void {
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + 1);
  }

  /** Writes one GoogleCalls line per outcome counted since the last flush, and starts again. */
  flush(): void {
    for (const [outcome, count] of this.counts) recordCounts({ outcome }, { [METRIC.googleCalls]: count });
    this.counts.clear();
  }
}

/** The sync-worker's tally: flushed when each sync job ends (functions/sync-worker/sync-record.ts). */
export const googleCallTally = new GoogleCallTally();

/**
 * A fetch that counts each HTTP request to Google Health (every attempt, as Google counts them) by outcome,
 * in a tally its owner flushes.
 */
export const meteredGoogleFetch =
  (inner: typeof fetch = globalThis.fetch, tally: GoogleCallTally = googleCallTally): typeof fetch =>
  async (input, init) => {
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      tally.add('network-error');
      throw error;
    }
    tally.add(googleCallOutcomeOf(response.status));
    return response;
  };
