import { measureMembersSyncedPerMinute } from './members-synced-per-minute.js';

process.stdout.write(`${JSON.stringify(await measureMembersSyncedPerMinute(20))}\n`);
