import { measureCatchUpFanOut } from './catch-up-fan-out.js';

const members = Number(process.argv[2] ?? 10_000);
process.stdout.write(`${JSON.stringify(await measureCatchUpFanOut(members))}\n`);
