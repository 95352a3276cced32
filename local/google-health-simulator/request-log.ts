export interface RequestLogEntry {
  at: string;
  method: string;
  /** Path with ids replaced by placeholders, e.g. GET /v4/users/{user}/dataTypes/steps/dataPoints. */
  route: string;
  userKey: string | undefined;
  status: number;
}

export interface RequestLogSummary {
  total: number;
  byRoute: Record<string, number>;
  byUser: Record<string, number>;
  byStatus: Record<string, number>;
  entries: RequestLogEntry[];
}

const increment = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

const MAX_ENTRIES = 10_000;

/** Every request the simulator answered, for benchmarks and call-count assertions. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private total = 0;
  private byRoute: Record<string, number> = {};
  private byUser: Record<string, number> = {};
  private byStatus: Record<string, number> = {};

  record(entry: RequestLogEntry): void {
    this.total += 1;
    increment(this.byRoute, `${entry.method} ${entry.route}`);
    if (entry.userKey !== undefined) increment(this.byUser, entry.userKey);
    increment(this.byStatus, String(entry.status));
    // Counts are exact; only the most recent entries are kept, so long benchmarks stay bounded.
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
  }

  summary(): RequestLogSummary {
    return {
      total: this.total,
      byRoute: { ...this.byRoute },
      byUser: { ...this.byUser },
      byStatus: { ...this.byStatus },
      entries: [...this.entries],
    };
  }

  reset(): void {
    this.entries = [];
    this.total = 0;
    this.byRoute = {};
    this.byUser = {};
    this.byStatus = {};
  }
}
