import type { TeamChannels } from '../delivery/team-channels.js';

export interface TeamChannelStore {
  get(teamId: string): Promise<TeamChannels | undefined>;
  /** Replaces the team's channels. */
  put(channels: TeamChannels): Promise<void>;
}
