import { html, type SafeHtml } from '../pages/html.js';

export interface ChartPoint {
  /** UTC epoch milliseconds. */
  at: number;
  value: number;
  /** Drawn as an open ring and listed in the table: e.g. a monitor quality flag. */
  flagged?: boolean;
}

export interface ChartSeries {
  label: string;
  points: readonly ChartPoint[];
  /** Stroke colour; at least 3:1 against white. */
  colour: string;
  /** Dashed lines tell series apart without colour (WCAG 1.4.1). */
  dashed?: boolean;
}

export interface ChartBand {
  label: string;
  from: number;
  to: number;
  /** Light fill behind the data. */
  fill: string;
}

export interface TrendChartInput {
  id: string;
  title: string;
  unit: string;
  series: readonly ChartSeries[];
  bands?: readonly ChartBand[];
  /** Start and end of the period shown (epoch ms). */
  from: number;
  to: number;
  /** How values are written in the text alternative, e.g. "72 bpm". */
  format: (value: number) => string;
  formatDate: (at: number) => string;
}

const WIDTH = 600;
const HEIGHT = 220;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };

const niceRange = (values: readonly number[], bands: readonly ChartBand[]): [number, number] => {
  const all = [...values, ...bands.flatMap((band) => [band.from, band.to]).filter(Number.isFinite)];
  if (values.length === 0) return [0, 1];
  let low = Math.min(...values);
  let high = Math.max(...values);
  // Keep threshold bands in view when they are near the data, so the reader sees how close values came.
  for (const edge of all) {
    if (edge < low && low - edge < (high - low + 10) * 0.6) low = edge;
    if (edge > high && edge - high < (high - low + 10) * 0.6) high = edge;
  }
  const margin = Math.max((high - low) * 0.1, 1);
  return [Math.floor(low - margin), Math.ceil(high + margin)];
};

const ticks = (low: number, high: number): number[] => {
  const step =
    [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000, 5000].find((s) => (high - low) / s <= 5) ?? 10_000;
  const result: number[] = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high; tick += step) result.push(tick);
  return result;
};

/** One-sentence summary for screen readers: how many values, the range, and the latest. */
export const describeSeries = (input: TrendChartInput): string =>
  input.series
    .map((series) => {
      const points = [...series.points].sort((a, b) => a.at - b.at);
      const latest = points.at(-1);
      if (latest === undefined) return `${series.label}: no values in this period.`;
      const values = points.map((point) => point.value);
      const flagged = points.filter((point) => point.flagged).length;
      return (
        `${series.label}: ${points.length} value${points.length === 1 ? '' : 's'} from ${input.format(Math.min(...values))} ` +
        `to ${input.format(Math.max(...values))}; latest ${input.format(latest.value)} on ${input.formatDate(latest.at)}.` +
        (flagged > 0 ? ` ${flagged} marked by the monitor as possibly unreliable.` : '')
      );
    })
    .join(' ');

/**
 * A small trend chart as inline SVG, drawn on the server: no client script. role="img" with a title and a
 * description summarising the data; the figure also carries the full values as a table (the text alternative).
 */
export const trendChart = (input: TrendChartInput): SafeHtml => {
  const bands = input.bands ?? [];
  const values = input.series.flatMap((series) => series.points.map((point) => point.value));
  const [low, high] = niceRange(values, bands);
  const span = Math.max(input.to - input.from, 1);
  const x = (at: number) => PAD.left + ((at - input.from) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - (value - low) / (high - low)) * (HEIGHT - PAD.top - PAD.bottom);
  const clampY = (value: number) => y(Math.min(Math.max(value, low), high));
  const titleId = `${input.id}-title`;
  const descId = `${input.id}-desc`;
  const description = describeSeries(input);
  const points = (series: ChartSeries) => [...series.points].sort((a, b) => a.at - b.at);
  const rows = input.series.flatMap((series) => points(series).map((point) => ({ series, point })));
  rows.sort((a, b) => a.point.at - b.point.at);

  return html`<figure class="chart" id="${input.id}"><figcaption>${input.title} (${input.unit})</figcaption><svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${titleId} ${descId}" focusable="false"><title id="${titleId}">${input.title}</title><desc id="${descId}">${description}</desc>${bands.map(
    (band) =>
      html`<rect x="${PAD.left}" width="${WIDTH - PAD.left - PAD.right}" y="${clampY(band.to).toFixed(1)}" height="${Math.max(clampY(band.from) - clampY(band.to), 0).toFixed(1)}" fill="${band.fill}"><title>${band.label}</title></rect>`,
  )}${ticks(low, high).map(
    (tick) =>
      html`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#b1b4b6" stroke-width="1"/><text x="${PAD.left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" font-size="15" fill="#0b0c0c">${tick}</text>`,
  )}<text x="${PAD.left}" y="${HEIGHT - 8}" font-size="15" fill="#0b0c0c">${input.formatDate(input.from)}</text><text x="${WIDTH - PAD.right}" y="${HEIGHT - 8}" font-size="15" text-anchor="end" fill="#0b0c0c">${input.formatDate(input.to)}</text>${input.series.map(
    (series) => {
      const sorted = points(series);
      const path = sorted
        .map(
          (point, index) =>
            `${index === 0 ? 'M' : 'L'}${x(point.at).toFixed(1)},${y(point.value).toFixed(1)}`,
        )
        .join(' ');
      return html`<g><path d="${path}" fill="none" stroke="${series.colour}" stroke-width="2"${series.dashed === true ? html` stroke-dasharray="6 4"` : ''}/>${sorted.map(
        (point) =>
          point.flagged === true
            ? html`<circle cx="${x(point.at).toFixed(1)}" cy="${y(point.value).toFixed(1)}" r="6" fill="#fff" stroke="${series.colour}" stroke-width="2"/>`
            : html`<circle cx="${x(point.at).toFixed(1)}" cy="${y(point.value).toFixed(1)}" r="3" fill="${series.colour}"/>`,
      )}</g>`;
    },
  )}</svg><p class="legend">${input.series.map((series) => html`<span>${series.dashed === true ? '- - ' : '— '}${series.label} </span>`)}${bands.map((band) => html`<span>▮ ${band.label} </span>`)}</p><details><summary>${input.title}: values as a table</summary><table><caption class="visually-hidden">${input.title}</caption><thead><tr><th scope="col">Date</th><th scope="col">Measure</th><th scope="col">Value</th><th scope="col">Note</th></tr></thead><tbody>${rows.map(
    (row) =>
      html`<tr><td>${input.formatDate(row.point.at)}</td><td>${row.series.label}</td><td>${input.format(row.point.value)}</td><td>${row.point.flagged === true ? 'Monitor flagged this reading' : ''}</td></tr>`,
  )}</tbody></table></details></figure>`;
};
