import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { DEFAULT_ASSUMPTIONS } from './assumptions.js';
import { estimateCost, type MeasuredMemberDay, type Service } from './cost-model.js';
import { PRICE_REGION, PRICES, PRICES_READ_ON } from './prices.js';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '10000' },
    json: { type: 'boolean' },
    figures: { type: 'string', default: 'bench/figures.json' },
  },
});

const members = Number(values.members);
if (!Number.isInteger(members) || members < 1) {
  process.stderr.write(`--members must be a whole number of at least 1, not "${values.members}"\n`);
  process.exit(2);
}

/** The part of `npm run bench -- --json` the model reads. */
const figuresSchema = z.object({
  wearable: z.object({
    apiCallsPerMemberDay: z.object({ webhook: z.number() }),
    writeUnitsPerMemberDay: z.object({ webhook: z.number() }),
    syncJobsPerMemberDay: z.number(),
    storedBytesPerMemberDay: z.number(),
    syncJobComputeMs: z.number(),
  }),
});

const readFigures = (path: string): MeasuredMemberDay => {
  const parsed = figuresSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    process.stderr.write(
      `${path} is not the output of "npm run bench -- --json" (refresh it: npm run bench -- --json > ${path})\n`,
    );
    process.exit(2);
  }
  const { wearable } = parsed.data;
  return {
    syncJobs: wearable.syncJobsPerMemberDay,
    googleCalls: wearable.apiCallsPerMemberDay.webhook,
    wearableWriteUnits: wearable.writeUnitsPerMemberDay.webhook,
    wearableStoredBytes: wearable.storedBytesPerMemberDay,
    syncJobComputeMs: wearable.syncJobComputeMs,
  };
};

const measured = readFigures(values.figures);
const estimate = estimateCost(members, measured, DEFAULT_ASSUMPTIONS, PRICES);

if (values.json === true) {
  process.stdout.write(
    `${JSON.stringify({
      perMemberMonthUsd: estimate.perMemberMonthUsd,
      members,
      monthlyUsd: estimate.monthlyUsd,
      region: PRICE_REGION,
      pricesReadOn: PRICES_READ_ON,
      measuredPerMemberDay: measured,
      services: estimate.services,
    })}\n`,
  );
} else {
  const names: Record<Service, string> = {
    lambda: 'Lambda (invocations, GB-seconds)',
    dynamoDb: 'DynamoDB (writes, reads, storage growth)',
    sqs: 'SQS requests',
    kms: 'KMS requests and keys',
    apiGateway: 'API Gateway (HTTP API requests)',
    cloudWatch: 'CloudWatch (logs, metrics, alarms)',
    secretsManager: 'Secrets Manager',
    ses: 'SES (care-team emails)',
    cognito: 'Cognito (staff sign-in, Plus)',
  };
  const usd = (value: number, digits: number) => `$${value.toFixed(digits)}`;
  const rows: [string, string, string][] = [
    ['Service', 'Per member-month', `Month, ${members.toLocaleString('en-GB')} members`],
    ...(Object.keys(names) as Service[]).map((service): [string, string, string] => [
      names[service],
      usd(estimate.services[service].perMemberMonthUsd, 5),
      usd(estimate.services[service].monthlyUsd, 2),
    ]),
    ['Total', usd(estimate.perMemberMonthUsd, 5), usd(estimate.monthlyUsd, 2)],
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  process.stdout.write(
    `pulse-relay cost model: ${PRICE_REGION} list prices read on ${PRICES_READ_ON} (cost/prices.ts)\n` +
      `Measured per active member-day (${values.figures}): ${measured.syncJobs} sync jobs, ` +
      `${measured.googleCalls} Google calls, ${measured.wearableWriteUnits} write units, ` +
      `${(measured.wearableStoredBytes / 1024).toFixed(1)} KB stored\n\n`,
  );
  for (const row of rows) {
    process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}\n`);
  }
  const verdict = estimate.perMemberMonthUsd <= 0.02 ? 'meets' : 'MISSES';
  process.stdout.write(
    `\nTarget <= $0.02 per member-month: ${verdict}. Storage is what one month's data adds to every later ` +
      'month; free tiers are not deducted. Assumptions: cost/assumptions.ts.\n',
  );
}
