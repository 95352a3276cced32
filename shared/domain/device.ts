/** A blood-pressure monitor (or its phone gateway) allowed to upload for exactly one member. */
export interface Device {
  deviceId: string;
  memberId: string;
  /** SHA-256 of the secret half of the token, hex. The token itself is never stored. */
  tokenHash: string;
  createdAt: string;
}
