import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WebhookSecretStore } from '../../shared/domain/ports/webhook-secret-store.js';

const secret = () => `whsec_${randomBytes(32).toString('base64')}`;
const team = () => `team-${randomUUID()}`;

/** What deliver-alerts and `team channels set` rely on, whatever keeps the secrets. */
export const webhookSecretStoreContract = (name: string, create: () => WebhookSecretStore): void => {
  describe(`WebhookSecretStore contract: ${name}`, () => {
    it('gives back the stored secret by the reference put returned, and the reference is not the secret', async () => {
      const store = create();
      const value = secret();
      const ref = await store.put(team(), value);
      expect(ref).not.toContain(value.slice('whsec_'.length));
      expect(await store.get(ref)).toBe(value);
    });

    it('keeps each team’s secret apart', async () => {
      const store = create();
      const [north, south] = [secret(), secret()];
      const northRef = await store.put(team(), north);
      const southRef = await store.put(team(), south);
      expect(northRef).not.toBe(southRef);
      expect(await store.get(northRef)).toBe(north);
      expect(await store.get(southRef)).toBe(south);
    });

    it('replaces a team’s secret on a second put (rotation): the old one is no longer given', async () => {
      const store = create();
      const teamId = team();
      const [before, after] = [secret(), secret()];
      await store.put(teamId, before);
      const ref = await store.put(teamId, after);
      expect(await store.get(ref)).toBe(after);
    });

    it('fails for a reference it never gave, rather than sign with nothing', async () => {
      await expect(create().get(`never-given-${randomUUID()}`)).rejects.toThrow();
    });
  });
};
