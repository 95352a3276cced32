const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Markup that is already safe: produced only by `html` and the page builders. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

type Interpolation = SafeHtml | string | number | undefined | null | false | readonly Interpolation[];

const render = (value: Interpolation): string => {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
};

/** Tagged template: every interpolated string is escaped unless it is SafeHtml, so data cannot inject markup. */
export const html = (strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml =>
  new SafeHtml(
    strings.reduce(
      (out, text, index) =>
        out + text + (index < values.length ? render(values[index] as Interpolation) : ''),
      '',
    ),
  );

/** For markup built by a trusted library (the QR code SVG). */
export const trustedMarkup = (markup: string): SafeHtml => new SafeHtml(markup);
