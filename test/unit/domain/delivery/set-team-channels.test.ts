import { describe, expect, it } from 'vitest';
import { NoChannelsError, setTeamChannels } from '../../../../shared/domain/delivery/set-team-channels.js';
import { describeZodIssues } from '../../../../shared/domain/zod-issues.js';
import { InMemoryTeamChannelStore, InMemoryWebhookSecrets } from './in-memory-delivery-ports.js';

const deps = () => ({
  channels: new InMemoryTeamChannelStore(),
  webhookSecrets: new InMemoryWebhookSecrets(),
  clock: { now: () => new Date('2026-11-20T09:00:00.000Z') },
  secureEmailDomains: ['nhs.net'],
});

describe('setting a care team’s channels', () => {
  it('says which addresses get full content: only opted-in ones on an allow-listed domain', async () => {
    const result = await setTeamChannels(
      {
        teamId: 'team-north',
        emails: ['care@example.org', 'gp@nhs.net', 'gp@nhs.net.example.org'],
        fullContent: true,
        updatedBy: 'ops',
      },
      deps(),
    );
    expect(result.emailContent).toEqual([
      { address: 'care@example.org', content: 'minimal' },
      { address: 'gp@nhs.net', content: 'full' },
      { address: 'gp@nhs.net.example.org', content: 'minimal' },
    ]);
  });

  it('keeps the webhook secret in the secret store and only its reference with the channels', async () => {
    const ports = deps();
    const result = await setTeamChannels(
      { teamId: 'team-north', webhookUrl: 'https://hooks.example.org/in', updatedBy: 'ops' },
      ports,
    );
    expect(result.generatedWebhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const stored = await ports.channels.get('team-north');
    expect(stored?.webhook).toEqual({ url: 'https://hooks.example.org/in', secretRef: 'mem:team-north' });
    expect(JSON.stringify(stored)).not.toContain(result.generatedWebhookSecret);
    expect(await ports.webhookSecrets.get('mem:team-north')).toBe(result.generatedWebhookSecret);
  });

  it('refuses a plain http webhook outside localhost, and a team with no channel at all', async () => {
    await expect(
      setTeamChannels(
        { teamId: 'team-north', webhookUrl: 'http://hooks.example.org/in', updatedBy: 'ops' },
        deps(),
      ),
    ).rejects.toThrow('https://');
    await expect(setTeamChannels({ teamId: 'team-north', updatedBy: 'ops' }, deps())).rejects.toBeInstanceOf(
      NoChannelsError,
    );
  });

  it('refuses a webhook address that is not a URL with a validation message, not a crash', async () => {
    const refusal = await setTeamChannels(
      { teamId: 'team-north', webhookUrl: 'not a url', updatedBy: 'ops' },
      deps(),
    ).catch((error: unknown) => error);
    expect(refusal).not.toBeInstanceOf(TypeError);
    expect(describeZodIssues(refusal as never).join('; ')).toContain('webhookUrl');
  });
});
