// Bar charts as the console inlines them: a named image, bars proportional to the values, safe
// labels, French numbers, a clear message when there is nothing yet, and the same data as a table.

import { barChart, chartTable, contrastRatio } from '../../../../src/documents/charts';
import { assertWellFormed, elements } from './xml-check';
import { chartMsg } from '../../../helpers/messages';

const WEEK = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'];
const sessions = {
  title: 'Sessions par jour',
  desc: 'Sessions ouvertes en novembre 2026, du lundi au dimanche.',
  series: WEEK.map((label, i) => ({ label, value: [4, 8, 2, 0, 12, 6, 1][i]! })),
  unit: 'sessions',
};

describe('barChart', () => {
  it('is one well-formed SVG image named by its title and description', () => {
    const svg = barChart(sessions);
    assertWellFormed(svg);
    const [root] = elements(svg, 'svg');
    expect(root).toMatchObject({
      role: 'img',
      width: '100%',
      viewBox: expect.stringMatching(/^0 0 \d+ \d+$/),
    });
    const ids = root!['aria-labelledby']!.split(' ');
    expect(ids).toHaveLength(2);
    expect(svg).toContain(`<title id="${ids[0]}">${sessions.title}</title>`);
    expect(svg).toContain(`<desc id="${ids[1]}">${sessions.desc}</desc>`);
    expect(svg).not.toMatch(/<script|<image|<use|href=|url\(|<foreignObject|<style/i);
  });

  it('draws bars whose heights are proportional to the values, with a tooltip each', () => {
    const svg = barChart(sessions);
    const bars = elements(svg, 'rect');
    expect(bars).toHaveLength(6); // Thursday's 0 draws nothing
    const height = (i: number) => Number(bars[i]!.height);
    expect(height(1) / height(0)).toBeCloseTo(2, 1); // 8 / 4
    expect(height(3) / height(0)).toBeCloseTo(3, 1); // 12 / 4 (bars: lun, mar, mer, ven…)
    const bottoms = bars.map((b) => Number(b.y) + Number(b.height));
    for (const b of bottoms) expect(b).toBeCloseTo(bottoms[0]!, 1);
    expect(svg).toContain('<title>ven.\u00a0: 12\u00a0sessions</title>');
  });

  it('writes numbers the French way', () => {
    const svg = barChart({
      title: 'Heures de connexion',
      desc: 'Par jour',
      series: [
        { label: '1', value: 12.5 },
        { label: '2', value: 1234.25 },
      ],
      unit: 'h',
    });
    expect(svg).toContain('12,5\u00a0h');
    expect(svg).toMatch(/1\u202f234,3\u00a0h/);
    expect(chartTable({ title: 't', desc: 'd', series: [{ label: 'x', value: 12.5 }], unit: 'h' })).toContain(
      '<td>12,5\u00a0h</td>',
    );
  });

  it('escapes a hostile label everywhere it appears', () => {
    const hostile = '<script>alert("x")</script> & \'co\'\u0007';
    const input = {
      title: hostile,
      desc: hostile,
      series: [
        { label: hostile, value: 3 },
        { label: 'b', value: 1 },
      ],
    };
    for (const out of [barChart(input), chartTable(input)]) {
      assertWellFormed(out);
      expect(out).not.toContain('<script');
      expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
      expect(out).not.toContain('\u0007');
    }
    const svg = barChart({ ...input, id: '"><svg onload=x>' });
    assertWellFormed(svg);
    expect(svg).not.toContain('onload=x>');
  });

  it('says "Pas encore de données" instead of drawing empty axes', () => {
    for (const series of [[], WEEK.map((label) => ({ label, value: 0 }))]) {
      const input = { title: 'Sessions par jour', desc: 'Novembre.', series };
      const svg = barChart(input);
      assertWellFormed(svg);
      const none = chartMsg('fr', 'charts.empty');
      expect(svg).toContain(`>${none}</text>`);
      expect(svg).toMatch(new RegExp(`<desc [^>]*>Novembre\\. ${none}\\.</desc>`));
      expect(elements(svg, 'line')).toHaveLength(0);
      expect(chartTable(input)).toContain(none);
    }
    expect(barChart({ title: 't', desc: 'd', series: [], lang: 'en' })).toContain(
      chartMsg('en', 'charts.empty'),
    );
  });

  it('groups two series side by side with a legend, and a table column for each', () => {
    const input = {
      title: 'Tickets par profil',
      desc: 'Émis et utilisés en novembre.',
      legend: ['émis', 'utilisés'],
      series: [
        { label: '1 heure', value: [12, 8] },
        { label: '1 journée', value: [4, 3] },
      ],
    };
    const svg = barChart(input);
    assertWellFormed(svg);
    const legend = svg.slice(svg.indexOf('class="ecn-chart-legend"'));
    expect(legend).toContain('>émis</text>');
    expect(legend).toContain('>utilisés</text>');
    const fills = new Set(elements(svg, 'rect').map((r) => r.fill));
    expect(fills.size).toBe(2);
    expect(svg).toContain('<title>1 heure, utilisés\u00a0: 8</title>');
    const table = chartTable(input);
    assertWellFormed(table);
    expect(table).toContain(
      '<thead><tr><th scope="col">Libellé</th><th scope="col">émis</th><th scope="col">utilisés</th></tr></thead>',
    );
    expect(table).toContain('<tr><th scope="row">1 heure</th><td>12</td><td>8</td></tr>');
  });

  it('wraps a long legend and moves the plot down to make room', () => {
    const input = {
      title: 'Tickets',
      desc: 'Par profil.',
      legend: ['tickets émis pendant le mois', 'tickets utilisés pour la première fois'],
      series: [{ label: '1 heure', value: [12, 8] }],
    };
    const svg = barChart(input);
    const [w, h] = elements(svg, 'svg')[0]!.viewBox!.split(' ').slice(2).map(Number);
    const rects = elements(svg, 'rect');
    const swatches = rects.filter((r) => r.width === '12');
    expect(new Set(swatches.map((r) => r.y)).size).toBe(2);
    for (const r of rects) expect(Number(r.x) + Number(r.width)).toBeLessThanOrEqual(w!);
    const lowestSwatch = Math.max(...swatches.map((r) => Number(r.y) + 12));
    const bars = rects.filter((r) => r.width !== '12');
    for (const b of bars) expect(Number(b.y)).toBeGreaterThan(lowestSwatch);
    expect(Math.max(...bars.map((b) => Number(b.y) + Number(b.height)))).toBeLessThan(h!);
  });

  it('uses the space colour only when it stands out from white by 3:1', () => {
    const dark = barChart({ ...sessions, colour: '#7a1f5c' });
    expect(elements(dark, 'rect')[0]!.fill).toBe('#7a1f5c');
    const pale = barChart({ ...sessions, colour: '#ffd166' });
    const fill = elements(pale, 'rect')[0]!.fill!;
    expect(fill).not.toBe('#ffd166');
    expect(contrastRatio(fill, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('gives a caption and header cells to the table', () => {
    const table = chartTable(sessions);
    assertWellFormed(table);
    expect(table).toMatch(/^<table class="ecn-chart-table"><caption>Sessions par jour<\/caption>/);
    expect(table).toContain('<tr><th scope="row">ven.</th><td>12\u00a0sessions</td></tr>');
  });
});
