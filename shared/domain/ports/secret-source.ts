/** One secret value, read when needed so a rotated value takes effect without a deploy. Never logged. */
export interface SecretSource {
  current(): Promise<string>;
}
