import { describe, expect, it } from 'vitest';
import { createInvitation } from '../../../../shared/domain/link/create-invitation.js';
import type { Member } from '../../../../shared/domain/member.js';
import { MemberLeftError } from '../../../../shared/domain/members/member-left.js';
import { registerDevice } from '../../../../shared/domain/members/register-device.js';
import { InMemoryDeviceRegistry } from '../../../fakes/device-registry.js';
import { InMemoryLinkStore } from '../../../fakes/link-store.js';
import { InMemoryMemberDirectory } from '../../../fakes/member-directory.js';

/** A member erased with keep-clinical-record: the profile stays, marked as leaving. */
const left: Member = {
  memberId: 'm-left',
  name: 'Sam',
  timezone: 'Europe/London',
  createdAt: '2026-01-01T00:00:00.000Z',
  erasureRequestedAt: '2026-11-30T10:00:00.000Z',
};

const deps = () => {
  const directory = new InMemoryMemberDirectory(left);
  const links = new InMemoryLinkStore();
  return {
    directory,
    devices: new InMemoryDeviceRegistry({ members: directory }),
    invitations: links,
    links,
    clock: { now: () => new Date('2026-12-01T09:00:00.000Z') },
    publicBaseUrl: 'https://pulse.example',
  };
};

describe('a member who has left', () => {
  it('gets no new monitor token', async () => {
    const d = deps();
    await expect(registerDevice('m-left', d, { by: 'alex' })).rejects.toThrow(
      new MemberLeftError('m-left', '2026-11-30T10:00:00.000Z'),
    );
    expect(await d.devices.listDevices('m-left')).toEqual([]);
  });

  it('gets no new Google link invitation, which would restart collection about them', async () => {
    const d = deps();
    await expect(createInvitation('m-left', d)).rejects.toBeInstanceOf(MemberLeftError);
    expect(await d.links.listInvitations('m-left')).toEqual([]);
  });
});
