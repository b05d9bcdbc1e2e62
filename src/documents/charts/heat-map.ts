// Heat map as an SVG string: the busiest hours of the week, one row per day and one column per
// hour, each cell with a tooltip, and a legend telling what each shade counts.

import { chartText } from '../../console/i18n/charts';
import { EMPTY_CELL_OUTLINE } from './colours';
import { heatModel, type Frame, type HeatMapInput, type HeatModel } from './model';
import { chartId, describe, emptyPanel, flowLegend, n, svgDocument, textWidth } from './svg';
import { escapeXml } from './xml';

const CELL_HEIGHT = 18;
const LEGEND_HEIGHT = 44;
const LEGEND_ROW = 18;

export function heatFrame(rows: number, width = 360): Frame {
  const top = 20;
  return {
    width,
    height: top + Math.max(rows, 1) * CELL_HEIGHT + LEGEND_HEIGHT,
    left: 44,
    right: 4,
    top,
    bottom: LEGEND_HEIGHT,
  };
}

export function heatMap(input: HeatMapInput): string {
  const lang = input.lang ?? 'fr';
  const model = heatModel(input, heatFrame(input.rows.length));
  const { width } = model.frame;
  const places = flowLegend(
    model.legend.map((item) => 16 + textWidth(item.text, 11)),
    model.frame.left,
    width - model.frame.right,
  );
  const height = model.frame.height + Math.max(0, ...places.map((p) => p.row)) * LEGEND_ROW;
  const id = chartId(input.id, input.title, input.desc);
  const body = model.empty
    ? emptyPanel(width, height, lang)
    : drawCells(model, places, chartText(lang, 'charts.heat.legendTitle'), input.unit);
  return svgDocument(id, width, height, input.title, describe(input.desc, model.empty, lang), body);
}

function drawCells(
  m: HeatModel,
  places: { x: number; row: number }[],
  legendTitle: string,
  unit: string | undefined,
): string {
  const out: string[] = ['<g class="ecn-chart-labels">'];
  for (const c of m.colLabels) {
    out.push(`<text x="${n(c.x)}" y="12" text-anchor="middle" font-size="11">${escapeXml(c.text)}</text>`);
  }
  for (const r of m.rowLabels) {
    out.push(
      `<text x="${n(m.frame.left - 6)}" y="${n(r.y)}" text-anchor="end" dominant-baseline="middle">${escapeXml(r.text)}</text>`,
    );
  }
  out.push('</g><g class="ecn-chart-cells">');
  for (const c of m.cells) {
    const paint = c.colour
      ? `fill="${c.colour}"`
      : `fill="#ffffff" stroke="${EMPTY_CELL_OUTLINE}" stroke-width="0.5"`;
    out.push(
      `<rect x="${n(c.x + 1)}" y="${n(c.y + 1)}" width="${n(c.width - 2)}" height="${n(c.height - 2)}" ${paint}><title>${escapeXml(c.tip)}</title></rect>`,
    );
  }
  out.push('</g><g class="ecn-chart-legend">');
  const y = m.frame.height - m.frame.bottom + 12;
  out.push(
    `<text x="${n(m.frame.left)}" y="${n(y + 6)}" dominant-baseline="middle">${escapeXml(unit ? `${legendTitle} (${unit})` : legendTitle)}</text>`,
  );
  m.legend.forEach((item, i) => {
    const { x, row } = places[i]!;
    const top = y + 16 + row * LEGEND_ROW;
    const paint = item.colour
      ? `fill="${item.colour}"`
      : `fill="#ffffff" stroke="${EMPTY_CELL_OUTLINE}" stroke-width="0.5"`;
    out.push(
      `<rect x="${n(x)}" y="${n(top)}" width="12" height="12" ${paint}/>`,
      `<text x="${n(x + 16)}" y="${n(top + 6)}" dominant-baseline="middle" font-size="11">${escapeXml(item.text)}</text>`,
    );
  });
  out.push('</g>');
  return out.join('');
}
