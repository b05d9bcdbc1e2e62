// Small helpers shared by the SVG charts: the outer element with its accessible name, ids,
// coordinates and the "no data yet" panel.

import { chartText, type ChartLang } from '../../console/i18n/charts';
import { AXIS_COLOUR, TEXT_COLOUR } from './colours';
import { escapeXml } from './xml';

/** Coordinates with at most two decimals, so the SVG stays short and stable. */
export const n = (v: number): string => String(Math.round(v * 100) / 100);

/** An id prefix safe in XML and HTML, derived from the title unless one is given. */
export function chartId(given: string | undefined, title: string, desc: string): string {
  if (given) return given.replace(/[^A-Za-z0-9_-]/g, '-');
  let h = 0x811c9dc5;
  for (const ch of `${title}\n${desc}`) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return `chart-${h.toString(36)}`;
}

/** The outer SVG: scales to its container (320 px phones included), named by title and desc. */
export function svgDocument(
  id: string,
  width: number,
  height: number,
  title: string,
  desc: string,
  body: string,
): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(width)} ${n(height)}" width="100%"` +
    ` role="img" aria-labelledby="${id}-title ${id}-desc" class="ecn-chart"` +
    ` font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif" font-size="12" fill="${TEXT_COLOUR}">` +
    `<title id="${id}-title">${escapeXml(title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(desc)}</desc>` +
    body +
    `</svg>`
  );
}

/** What an empty chart shows instead of axes without bars. */
export function emptyPanel(width: number, height: number, lang: ChartLang): string {
  return (
    `<rect x="1" y="1" width="${n(width - 2)}" height="${n(height - 2)}" fill="#ffffff" stroke="${AXIS_COLOUR}" stroke-dasharray="4 4"/>` +
    `<text x="${n(width / 2)}" y="${n(height / 2)}" text-anchor="middle" dominant-baseline="middle" font-size="14">${escapeXml(chartText(lang, 'charts.empty'))}</text>`
  );
}

/** The description, completed with "no data yet" when there is nothing to draw. */
export function describe(desc: string, empty: boolean, lang: ChartLang): string {
  return empty ? `${desc} ${chartText(lang, 'charts.empty')}.` : desc;
}

/**
 * Places legend items left to right, starting a new row when one would cross `maxX`, so a
 * long legend wraps instead of being cut at the edge of a narrow screen.
 */
export function flowLegend(
  widths: number[],
  x0: number,
  maxX: number,
  gap = 12,
): { x: number; row: number }[] {
  let x = x0;
  let row = 0;
  return widths.map((w) => {
    if (x > x0 && x + w > maxX) {
      x = x0;
      row++;
    }
    const at = { x, row };
    x += w + gap;
    return at;
  });
}

/** Rough width of SVG text: about 0.55 em per character in the usual sans-serif fonts. */
export const textWidth = (text: string, size: number): number => text.length * size * 0.55;
