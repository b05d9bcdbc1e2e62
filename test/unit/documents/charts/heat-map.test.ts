// The busiest-hours heat map: one cell per weekday and hour with its tooltip, shades that
// stand out from white, a legend, and the same figures as a table.

import { chartTable, contrastRatio, heatMap, sequentialScale } from '../../../../src/documents/charts';
import { assertWellFormed, elements } from './xml-check';
import { chartMsg } from '../../../helpers/messages';

const DAYS = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'];
const HOURS = Array.from({ length: 24 }, (_, h) => `${h} h`);
const values = DAYS.map((_, d) => HOURS.map((_, h) => (d === 1 && h === 14 ? 8 : h === 10 ? 2 : 0)));
const input = {
  title: 'Heures les plus fréquentées',
  desc: 'Sessions par jour et par heure.',
  rows: DAYS,
  cols: HOURS,
  values,
};

describe('heatMap', () => {
  it('is a named SVG image with one cell per weekday and hour, each with a tooltip', () => {
    const svg = heatMap(input);
    assertWellFormed(svg);
    const [root] = elements(svg, 'svg');
    expect(root!.role).toBe('img');
    expect(root!['aria-labelledby']).toMatch(/^\S+-title \S+-desc$/);
    const cells = svg.slice(svg.indexOf('ecn-chart-cells'), svg.indexOf('ecn-chart-legend'));
    expect(elements(cells, 'rect')).toHaveLength(7 * 24);
    expect(cells).toContain('<title>mar., 14 h\u00a0: 8</title>');
    expect(cells).toContain('<title>dim., 3 h\u00a0: 0</title>');
  });

  it('shades busier cells darker, every shade at least 3:1 on white, and explains them', () => {
    const svg = heatMap(input);
    const rects = elements(
      svg.slice(svg.indexOf('ecn-chart-cells'), svg.indexOf('ecn-chart-legend')),
      'rect',
    );
    const busiest = rects[1 * 24 + 14]!.fill!;
    const ten = rects[0 * 24 + 10]!.fill!;
    expect(busiest).not.toBe(ten);
    for (const c of [busiest, ten]) expect(contrastRatio(c, '#ffffff')).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(busiest, '#ffffff')).toBeGreaterThan(contrastRatio(ten, '#ffffff'));
    expect(rects[0]!.fill).toBe('#ffffff'); // empty cells are outlined, not filled
    const legend = svg.slice(svg.indexOf('ecn-chart-legend'));
    expect(legend).toContain('>0</text>');
    expect(legend).toContain('>1–2</text>');
    expect(legend).toContain('>7–8</text>');
    for (const shade of sequentialScale(5, '#ffd166'))
      expect(contrastRatio(shade, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('wraps a legend of large counts instead of running off a narrow screen', () => {
    const big = heatMap({ ...input, values: values.map((row) => row.map((v) => v * 201)) });
    assertWellFormed(big);
    const width = Number(elements(big, 'svg')[0]!.viewBox!.split(' ')[2]);
    const height = Number(elements(big, 'svg')[0]!.viewBox!.split(' ')[3]);
    const swatches = elements(big.slice(big.indexOf('ecn-chart-legend')), 'rect');
    expect(swatches.length).toBeGreaterThanOrEqual(4);
    for (const r of swatches) {
      expect(Number(r.x) + 12).toBeLessThanOrEqual(width);
      expect(Number(r.y) + 12).toBeLessThanOrEqual(height);
    }
    expect(new Set(swatches.map((r) => r.y)).size).toBeGreaterThan(1);
  });

  it('escapes labels and says when there is nothing yet', () => {
    const hostile = heatMap({ ...input, rows: ['<b>&', ...DAYS.slice(1)] });
    assertWellFormed(hostile);
    expect(hostile).toContain('&lt;b&gt;&amp;');
    const empty = heatMap({ ...input, values: [] });
    assertWellFormed(empty);
    expect(empty).toContain(chartMsg('fr', 'charts.empty'));
  });

  it('gives the table the weekdays as row headers and the hours as column headers', () => {
    const table = chartTable(input);
    assertWellFormed(table);
    expect(table).toContain('<th scope="col">Jour</th><th scope="col">0 h</th>');
    expect(table).toMatch(/<tr><th scope="row">mar\.<\/th>(<td>\d+<\/td>){14}<td>8<\/td>/);
  });
});
