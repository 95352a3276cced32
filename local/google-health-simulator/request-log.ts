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

/** Every request the simulator answered, for benchmarks and call-count assertions. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  summary(): RequestLogSummary {
    const byRoute: Record<string, number> = {};
    const byUser: Record<string, number> = {};
    const byStatus: Record<string, number> = {};
    for (const entry of this.entries) {
      increment(byRoute, `${entry.method} ${entry.route}`);
      if (entry.userKey !== undefined) increment(byUser, entry.userKey);
      increment(byStatus, String(entry.status));
    }
    return { total: this.entries.length, byRoute, byUser, byStatus, entries: [...this.entries] };
  }

  reset(): void {
    this.entries = [];
  }
}
