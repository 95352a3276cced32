import { isMetric, METRICS, type Metric } from '../../shared/domain/metric.js';
import type { CliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { isoInstantOption, optionalOption, requiredOption } from '../options.js';

/** Lists readings of one metric, or of every metric when --metric is left out, oldest first. */
export const readingsList = async (options: Record<string, unknown>, context: CliContext) => {
  const memberId = requiredOption(options, 'member');
  const metricOption = optionalOption(options, 'metric');
  if (metricOption !== undefined && !isMetric(metricOption)) {
    throw new CliError(`--metric must be one of: ${METRICS.join(', ')}`, 2);
  }
  const from = isoInstantOption(options, 'from');
  const to = isoInstantOption(options, 'to');
  if (from !== undefined && to !== undefined && from > to)
    throw new CliError('--from must not be after --to', 2);
  if ((await context.directory.getMember(memberId)) === undefined)
    throw new CliError(`No member with id ${memberId}`);
  const metrics: readonly Metric[] = metricOption === undefined ? METRICS : [metricOption];
  const readings = [];
  for (const metric of metrics) {
    readings.push(...(await context.readings.listRange({ memberId, metric, from, to })));
  }
  return { memberId, readings };
};
