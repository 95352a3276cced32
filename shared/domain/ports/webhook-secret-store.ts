/** Keeps teams' webhook signing secrets out of the configuration items; only a reference is stored there. */
export interface WebhookSecretStore {
  /** Stores (or replaces) the team's secret and returns the reference to keep with its channels. */
  put(teamId: string, secret: string): Promise<string>;
  get(secretRef: string): Promise<string>;
}
