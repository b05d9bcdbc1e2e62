// Bar chart as an SVG string, drawn on the server: sessions per day, hours connected per day,
// or two series side by side (tickets issued and used) with a legend.

import { AXIS_COLOUR, GRID_COLOUR } from './colours';
import { barModel, type BarChartInput, type BarModel, type Frame } from './model';
import { chartId, describe, emptyPanel, flowLegend, n, svgDocument, textWidth } from './svg';
import { escapeXml } from './xml';

export const BAR_FRAME: Frame = { width: 360, height: 220, left: 52, right: 8, top: 24, bottom: 26 };
const LEGEND_HEIGHT = 24;
const LEGEND_ROW = 18;

/** The frame of a chart: room for the legend above the plot when bars are grouped. */
export function barFrame(input: BarChartInput, frame: Frame = BAR_FRAME): Frame {
  const grouped = (input.legend?.length ?? 0) > 1 || input.series.some((d) => typeof d.value !== 'number');
  return grouped ? { ...frame, top: frame.top + LEGEND_HEIGHT, height: frame.height + LEGEND_HEIGHT } : frame;
}

export function barChart(input: BarChartInput): string {
  const lang = input.lang ?? 'fr';
  let frame = barFrame(input);
  let model = barModel(input, frame);
  const places = legendPlaces(model);
  const extraRows = Math.max(0, ...places.map((p) => p.row));
  if (extraRows) {
    // A legend too long for one row pushes the plot down rather than running off the edge.
    const extra = extraRows * LEGEND_ROW;
    frame = { ...frame, top: frame.top + extra, height: frame.height + extra };
    model = barModel(input, frame);
  }
  const { width, height } = model.frame;
  const id = chartId(input.id, input.title, input.desc);
  const body = model.empty ? emptyPanel(width, height, lang) : drawBars(model, places, input.unit);
  return svgDocument(id, width, height, input.title, describe(input.desc, model.empty, lang), body);
}

function legendPlaces(m: BarModel): { x: number; row: number }[] {
  return flowLegend(
    m.legend.map((item) => 16 + textWidth(item.name, 12)),
    m.plot.x,
    m.frame.width - m.frame.right,
    14,
  );
}

function drawBars(m: BarModel, places: { x: number; row: number }[], unit: string | undefined): string {
  const { plot } = m;
  const out: string[] = [];
  // The unit once, above the axis, rather than on every tick.
  if (unit) out.push(`<text x="4" y="${n(plot.y - 12)}" font-size="11">${escapeXml(unit)}</text>`);
  out.push('<g class="ecn-chart-grid">');
  for (const t of m.ticks) {
    out.push(
      `<line x1="${n(plot.x)}" x2="${n(plot.x + plot.width)}" y1="${n(t.y)}" y2="${n(t.y)}" stroke="${t.value === 0 ? AXIS_COLOUR : GRID_COLOUR}" stroke-width="1"/>`,
      `<text x="${n(plot.x - 6)}" y="${n(t.y)}" text-anchor="end" dominant-baseline="middle">${escapeXml(t.text)}</text>`,
    );
  }
  out.push('</g><g class="ecn-chart-bars">');
  for (const b of m.bars) {
    if (b.value === 0) continue;
    out.push(
      `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" fill="${b.colour}"><title>${escapeXml(b.tip)}</title></rect>`,
    );
    if (m.valueLabels) {
      out.push(
        `<text x="${n(b.x + b.width / 2)}" y="${n(b.y - 4)}" text-anchor="middle" font-size="11">${escapeXml(b.short)}</text>`,
      );
    }
  }
  out.push('</g><g class="ecn-chart-labels">');
  for (const l of m.xLabels) {
    out.push(
      `<text x="${n(l.x)}" y="${n(plot.y + plot.height + 16)}" text-anchor="middle">${escapeXml(l.text)}</text>`,
    );
  }
  out.push('</g>');
  if (m.legend.length) {
    out.push('<g class="ecn-chart-legend">');
    m.legend.forEach((item, i) => {
      const { x, row } = places[i]!;
      const top = 4 + row * LEGEND_ROW;
      out.push(
        `<rect x="${n(x)}" y="${n(top)}" width="12" height="12" fill="${item.colour}"/>`,
        `<text x="${n(x + 16)}" y="${n(top + 6)}" dominant-baseline="middle">${escapeXml(item.name)}</text>`,
      );
    });
    out.push('</g>');
  }
  return out.join('');
}
