// The monthly report as a printable A4 PDF for the label committee: key figures, sessions by
// weekday, busiest hours, blocked queries by category, and how the figures are counted. The
// charts are drawn from the same geometry as the console's SVG charts. The PDF is tagged: headings,
// paragraphs, tables and charts (figures whose alternative text gives the figures in words) are
// in the structure tree in reading order; rules and page footers are artifacts.

import { existsSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { barModel, heatModel, type BarChartInput, type BarModel, type HeatModel } from '../charts/model';
import { AXIS_COLOUR, EMPTY_CELL_OUTLINE, GRID_COLOUR, TEXT_COLOUR } from '../charts/colours';
import { numberFormat } from '../charts/number-format';
import { chartLocale, charts, chartText, type ChartKey, type ChartLang } from '../../console/i18n/charts';
import { artifact, documentRoot, tag, type StructElement, type TagOptions } from '../pdf/pdf-tags';
import type { MonthlyReport } from './monthly-report';

export interface MonthlyReportPdfOptions {
  spaceName: string;
  /** YYYY-MM; the report's own month when omitted. */
  month?: string;
  /** Printed in the footer and stored as the PDF's creation date (same input, same bytes). */
  generatedAt: Date | number;
  lang: ChartLang;
  /** Time zone of the generation date; the space's. */
  timeZone?: string;
  /** The space's primary colour, used when it stands out enough from white. */
  colour?: string;
  /** What animators call each ticket profile, e.g. { '1h': '1 heure' }. */
  profileLabels?: Record<string, string>;
  /** Folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf (Debian's fonts-dejavu-core). */
  fontDir?: string;
}

const DEFAULT_FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const CONTENT = A4.width - 2 * MARGIN;
const FOOTER_HEIGHT = 28;
const BOTTOM = A4.height - MARGIN - FOOTER_HEIGHT;
const MUTED = '#4b5563';

type Doc = PDFKit.PDFDocument;

/** French month name and year, e.g. "novembre 2026". */
export function monthTitle(month: string, lang: ChartLang): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(chartLocale(lang), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.UTC(y!, m! - 1, 1));
}

/** Sessions started on each weekday, Monday first, from the weekday × hour counts. */
export function sessionsByWeekday(report: MonthlyReport): number[] {
  return Array.from({ length: 7 }, (_, d) => (report.heat[d] ?? []).reduce((a, b) => a + b, 0));
}

export async function monthlyReportPdf(
  report: MonthlyReport,
  opts: MonthlyReportPdfOptions,
): Promise<Buffer> {
  const lang = opts.lang;
  const t = (key: ChartKey, vars?: Record<string, string | number>) => chartText(lang, key, vars);
  const generatedAt = new Date(opts.generatedAt);
  const month = opts.month ?? report.month;
  const title = t('charts.report.title');

  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: true,
    tagged: true,
    lang: chartLocale(lang),
    displayTitle: true,
    info: {
      Title: `${title} — ${opts.spaceName} — ${monthTitle(month, lang)}`,
      Author: opts.spaceName,
      Subject: t('charts.report.forCommittee'),
      Creator: 'ECN gateway',
      Producer: 'ECN gateway',
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const w = new Writer(doc, fontsIn(opts.fontDir ?? DEFAULT_FONT_DIR), documentRoot(doc));
  const num = numberFormat(lang);
  const hours = numberFormat(lang, t('charts.unit.hours'));
  const profile = (k: string) => opts.profileLabels?.[k] ?? k;
  const language = (k: string) => {
    const key = `charts.lang.${k}`;
    return key in charts.fr ? t(key as ChartKey) : k;
  };
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  const helpPage = (k: string) => {
    const key = `charts.report.help.${k}`;
    return key in charts.fr ? t(key as ChartKey) : k;
  };

  // 1. Title
  w.text(title, { size: 20, bold: true }, 'H1');
  w.text(t('charts.report.subtitle', { space: opts.spaceName, month: monthTitle(month, lang) }), {
    size: 14,
  });
  w.text(t('charts.report.forCommittee'), { size: 10, colour: MUTED });
  w.gap(14);

  // 2. Key figures
  w.heading(t('charts.report.keyFigures'));
  w.table(
    [t('charts.report.figure'), t('charts.report.value')],
    [
      [t('charts.report.deviceDays'), num(report.deviceDays)],
      [t('charts.report.sessions'), num(report.sessions)],
      [t('charts.report.hours'), hours(report.hoursConnected)],
      [t('charts.report.ticketsIssued'), num(sum(report.ticketsIssued))],
      [t('charts.report.ticketsUsed'), num(sum(report.ticketsUsed))],
      [t('charts.report.charter'), num(sum(report.charterAcceptances))],
      [t('charts.report.charterPortal'), num(report.charterAcceptancesByWay.portal)],
      [t('charts.report.charterTicket'), num(report.charterAcceptancesByWay.ticket)],
    ],
    [CONTENT - 140, 140],
  );

  const profiles = [
    ...new Set([...Object.keys(report.ticketsIssued), ...Object.keys(report.ticketsUsed)]),
  ].sort();
  if (profiles.length) {
    w.heading(t('charts.report.byProfile'));
    w.table(
      [t('charts.report.profile'), t('charts.report.issued'), t('charts.report.used')],
      profiles.map((p) => [profile(p), num(report.ticketsIssued[p] ?? 0), num(report.ticketsUsed[p] ?? 0)]),
      [CONTENT - 240, 120, 120],
    );
  }
  const languages = Object.keys(report.charterAcceptances).sort();
  if (languages.length) {
    w.heading(t('charts.report.byLanguage'));
    w.table(
      [t('charts.report.language'), t('charts.report.charter')],
      languages.map((l) => [language(l), num(report.charterAcceptances[l] ?? 0)]),
      [CONTENT - 140, 140],
    );
  }

  // 3. Sessions by weekday
  const weekdays = t('charts.weekdays').split(',');
  const said = (label: string, value: string) => t('charts.bar.tip', { label, value });
  const bars: BarChartInput = {
    title: t('charts.report.sessionsByWeekday'),
    desc: t('charts.report.sessionsByWeekdayDesc'),
    series: sessionsByWeekday(report).map((value, i) => ({ label: weekdays[i]!, value })),
    unit: t('charts.unit.sessions'),
    lang,
    colour: opts.colour,
  };
  const barHeight = 190;
  w.heading(bars.title, barHeight + 40);
  w.paragraph(bars.desc, { size: 9, colour: MUTED });
  w.bars(
    barModel(bars, { width: CONTENT, height: barHeight, left: 40, right: 4, top: 18, bottom: 22 }),
    bars.unit!,
    t('charts.empty'),
    said(bars.title, bars.series.map((b) => `${b.label} ${num(b.value as number)}`).join(', ')),
  );

  // 4. Busiest hours
  const short = t('charts.weekdaysShort').split(',');
  const rows = 7;
  const heatHeight = 22 + rows * 18 + 44;
  const heat = heatModel(
    {
      title: t('charts.report.busiestHours'),
      desc: t('charts.report.busiestHoursDesc'),
      rows: short,
      cols: Array.from({ length: 24 }, (_, h) => t('charts.hour', { hour: h })),
      values: report.heat,
      lang,
      colour: opts.colour,
    },
    { width: CONTENT, height: heatHeight, left: 44, right: 4, top: 22, bottom: 44 },
  );
  w.heading(t('charts.report.busiestHours'), heatHeight + 40);
  w.paragraph(t('charts.report.busiestHoursDesc'), { size: 9, colour: MUTED });
  // In words: for each weekday with sessions, the hours that had some and how many.
  const busy = report.heat.flatMap((byHour, d) => {
    const hoursWithSessions = byHour.flatMap((v, h) =>
      v > 0 ? [`${t('charts.hour', { hour: h })} ${num(v)}`] : [],
    );
    return hoursWithSessions.length ? [said(weekdays[d]!, hoursWithSessions.join(', '))] : [];
  });
  w.heat(
    heat,
    `${t('charts.heat.legendTitle')} (${t('charts.unit.sessions')})`,
    t('charts.empty'),
    said(t('charts.report.busiestHours'), busy.join('; ')),
  );

  // 5. Blocked queries
  w.heading(t('charts.report.blocked'), 60);
  const blocked = Object.entries(report.blockedByCategory).sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  if (blocked.length) {
    w.table(
      [t('charts.report.category'), t('charts.report.queries')],
      [
        ...blocked.map(([k, v]) => [k, num(v)]),
        [t('charts.report.total'), num(sum(report.blockedByCategory))],
      ],
      [CONTENT - 140, 140],
    );
  } else {
    w.paragraph(t('charts.report.noBlocked'), { size: 10 });
  }

  // 5b. Attendance recorded by the animators, beside the Wi-Fi figures (issue #15, item 6)
  const a = report.attendance;
  const inHours = (minutes: number) => hours(Math.round((minutes / 60) * 10) / 10);
  w.heading(t('charts.report.attendance'), 120);
  w.paragraph(t('charts.report.attendanceDesc'), { size: 9, colour: MUTED });
  w.table(
    [t('charts.report.figure'), t('charts.report.value')],
    [
      [t('charts.report.deskVisits'), num(a.deskVisits)],
      [t('charts.report.deskMornings'), num(a.deskMornings)],
      [t('charts.report.deskAfternoons'), num(a.deskAfternoons)],
      [t('charts.report.workshops'), num(a.workshops)],
      [t('charts.report.workshopParticipants'), num(a.workshopParticipants)],
      [t('charts.report.workshopHours'), inHours(a.workshopMinutes)],
      [t('charts.report.individualSessions'), num(a.individualSessions)],
      [t('charts.report.individualHours'), inHours(a.individualMinutes)],
    ],
    [CONTENT - 140, 140],
  );
  for (const [heading, themes] of [
    [t('charts.report.workshopThemes'), a.workshopThemes],
    [t('charts.report.individualThemes'), a.individualThemes],
  ] as const) {
    const list = Object.entries(themes).sort(
      (x, y) => y[1].sessions - x[1].sessions || x[0].localeCompare(y[0]),
    );
    if (!list.length) continue;
    w.heading(heading, 60);
    w.table(
      [t('charts.report.theme'), t('charts.report.value'), t('charts.report.themeHours')],
      list.map(([k, v]) => [k, num(v.sessions), inHours(v.minutes)]),
      [CONTENT - 200, 100, 100],
    );
  }
  const help = Object.entries(report.helpRequests);
  if (help.length) {
    w.heading(t('charts.report.helpRequests'), 60);
    w.table(
      [t('charts.report.helpPage'), t('charts.report.value')],
      [
        ...help.map(([k, v]) => [helpPage(k), num(v)]),
        [t('charts.report.total'), num(sum(report.helpRequests))],
      ],
      [CONTENT - 140, 140],
    );
  }

  // 6. Method
  w.heading(t('charts.report.method'), 90);
  w.paragraph(t('charts.report.methodText'), { size: 9.5 });

  // 7. Footer on every page, once the page count is known
  const range = doc.bufferedPageRange();
  const generated = t('charts.report.generated', {
    date: new Intl.DateTimeFormat(chartLocale(lang), {
      dateStyle: 'long',
      timeZone: opts.timeZone ?? 'Europe/Paris',
    }).format(generatedAt),
  });
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    w.footer(
      `${opts.spaceName} — ${monthTitle(month, lang)} — ${generated}`,
      t('charts.report.page', { page: i + 1, pages: range.count }),
    );
  }
  doc.end();
  return done;
}

interface Fonts {
  regular: string;
  bold: string;
  /** The standard PDF fonts only know Windows-1252: map what they cannot show. */
  unicode: boolean;
}

function fontsIn(dir: string): Fonts {
  const regular = path.join(dir, 'DejaVuSans.ttf');
  const bold = path.join(dir, 'DejaVuSans-Bold.ttf');
  if (existsSync(regular) && existsSync(bold)) return { regular, bold, unicode: true };
  return { regular: 'Helvetica', bold: 'Helvetica-Bold', unicode: false };
}

/**
 * Draws the report top to bottom, starting a new page when a block would not fit, and tags
 * each block under the document's root as it goes. Pages only start between blocks, never
 * while a tagged block is being drawn.
 */
class Writer {
  constructor(
    private readonly doc: Doc,
    private readonly fonts: Fonts,
    private readonly root: StructElement,
  ) {
    doc.registerFont('body', fonts.regular);
    doc.registerFont('bold', fonts.bold);
    doc.font('body').fillColor(TEXT_COLOUR);
  }

  private s(text: string): string {
    if (this.fonts.unicode) return text;
    return text
      .replace(/[\u202f\u2009]/g, '\u00a0')
      .replace(/≤/g, '<=')
      .replace(/[’]/g, "'");
  }

  private style(size: number, bold = false, colour = TEXT_COLOUR): Doc {
    return this.doc
      .font(bold ? 'bold' : 'body')
      .fontSize(size)
      .fillColor(colour);
  }

  gap(h: number): void {
    this.doc.y += h;
  }

  /** Starts a new page unless `h` points still fit on this one. */
  need(h: number): void {
    if (this.doc.y + h > BOTTOM) {
      this.doc.addPage();
      this.doc.y = MARGIN;
    }
  }

  private tag(type: string, draw: () => void, options: TagOptions = {}): void {
    tag(this.doc, this.root, type, options, draw);
  }

  text(text: string, o: { size: number; bold?: boolean; colour?: string }, type = 'P'): void {
    this.tag(type, () =>
      this.style(o.size, o.bold, o.colour).text(this.s(text), MARGIN, this.doc.y, { width: CONTENT }),
    );
  }

  heading(text: string, keepWith = 40): void {
    this.need(keepWith + 24);
    this.gap(10);
    this.text(text, { size: 13, bold: true }, 'H2');
    this.gap(4);
  }

  paragraph(text: string, o: { size: number; colour?: string }): void {
    const style = this.style(o.size, false, o.colour);
    this.need(style.heightOfString(this.s(text), { width: CONTENT }));
    this.tag('P', () => style.text(this.s(text), MARGIN, this.doc.y, { width: CONTENT, lineGap: 1.5 }));
    this.doc.fillColor(TEXT_COLOUR);
  }

  /**
   * A plain table: header row in bold, one line under each row, numbers right-aligned. Tagged
   * as a table whose first row heads the columns and whose first column heads the rows.
   */
  table(header: string[], rows: string[][], widths: number[]): void {
    const rowHeight = 17;
    const table = tag(this.doc, this.root, 'Table');
    const line = (cells: string[], bold: boolean) => {
      this.need(rowHeight);
      const y = this.doc.y;
      const tr = tag(this.doc, table, 'TR');
      let x = MARGIN;
      cells.forEach((c, i) => {
        const cell = bold || i === 0 ? 'TH' : 'TD';
        const scope = bold ? 'Column' : i === 0 ? 'Row' : undefined;
        tag(this.doc, tr, cell, scope ? { scope } : {}, () =>
          this.style(10, bold).text(this.s(c), x + 4, y + 4, {
            width: widths[i]! - 8,
            align: i === 0 ? 'left' : 'right',
            lineBreak: false,
            ellipsis: true,
          }),
        );
        x += widths[i]!;
      });
      artifact(this.doc, () =>
        this.doc
          .moveTo(MARGIN, y + rowHeight)
          .lineTo(MARGIN + CONTENT, y + rowHeight)
          .lineWidth(bold ? 1 : 0.5)
          .strokeColor(bold ? AXIS_COLOUR : GRID_COLOUR)
          .stroke(),
      );
      this.doc.x = MARGIN;
      this.doc.y = y + rowHeight;
    };
    line(header, true);
    rows.forEach((r) => line(r, false));
    this.gap(4);
  }

  private emptyPanel(height: number, message: string): void {
    const y = this.doc.y;
    artifact(this.doc, () => {
      this.doc
        .rect(MARGIN, y, CONTENT, height)
        .dash(4, { space: 4 })
        .lineWidth(0.75)
        .strokeColor(AXIS_COLOUR)
        .stroke();
      this.doc.undash();
    });
    this.tag('P', () =>
      this.style(12).text(this.s(message), MARGIN, y + height / 2 - 7, { width: CONTENT, align: 'center' }),
    );
    this.doc.y = y + height;
  }

  /** A chart as one figure: what it shows is told by `alt`; its marks are not read one by one. */
  private figure(height: number, alt: string, draw: (x0: number, y0: number) => void): void {
    const x0 = MARGIN;
    const y0 = this.doc.y;
    const bbox: [number, number, number, number] = [x0, y0, x0 + CONTENT, y0 + height];
    this.tag('Figure', () => draw(x0, y0), { alt, bbox, placement: 'Block' });
    this.doc.x = MARGIN;
    this.doc.y = y0 + height;
  }

  bars(m: BarModel, unit: string, emptyMessage: string, alt: string): void {
    const height = m.frame.height;
    this.need(height);
    if (m.empty) return this.emptyPanel(height / 2, emptyMessage);
    this.figure(height, alt, (x0, y0) => this.drawBars(m, unit, x0, y0));
  }

  private drawBars(m: BarModel, unit: string, x0: number, y0: number): void {
    const { plot } = m;
    this.style(8, false, MUTED).text(this.s(unit), x0, y0 + 2, { lineBreak: false });
    for (const tick of m.ticks) {
      this.doc
        .moveTo(x0 + plot.x, y0 + tick.y)
        .lineTo(x0 + plot.x + plot.width, y0 + tick.y)
        .lineWidth(tick.value === 0 ? 1 : 0.5)
        .strokeColor(tick.value === 0 ? AXIS_COLOUR : GRID_COLOUR)
        .stroke();
      this.style(8).text(this.s(tick.text), x0, y0 + tick.y - 4, {
        width: plot.x - 6,
        align: 'right',
        lineBreak: false,
      });
    }
    for (const b of m.bars) {
      if (b.value === 0) continue;
      this.doc.rect(x0 + b.x, y0 + b.y, b.width, b.height).fill(b.colour);
      if (m.valueLabels) {
        this.style(8).text(this.s(b.short), x0 + b.x - 10, y0 + b.y - 11, {
          width: b.width + 20,
          align: 'center',
          lineBreak: false,
        });
      }
    }
    const band = plot.width / Math.max(1, m.xLabels.length);
    for (const l of m.xLabels) {
      this.style(9).text(this.s(l.text), x0 + l.x - band / 2, y0 + plot.y + plot.height + 6, {
        width: band,
        align: 'center',
        lineBreak: false,
      });
    }
  }

  heat(m: HeatModel, legendTitle: string, emptyMessage: string, alt: string): void {
    const height = m.frame.height;
    this.need(height);
    if (m.empty) return this.emptyPanel(height / 2, emptyMessage);
    this.figure(height, alt, (x0, y0) => this.drawHeat(m, legendTitle, x0, y0));
  }

  private drawHeat(m: HeatModel, legendTitle: string, x0: number, y0: number): void {
    const labelWidth = m.cellWidth * 3;
    for (const c of m.colLabels) {
      this.style(7).text(this.s(c.text), x0 + c.x - labelWidth / 2, y0 + 6, {
        width: labelWidth,
        align: 'center',
        lineBreak: false,
      });
    }
    for (const r of m.rowLabels) {
      this.style(8).text(this.s(r.text), x0, y0 + r.y - 4, {
        width: m.frame.left - 6,
        align: 'right',
        lineBreak: false,
      });
    }
    for (const c of m.cells) {
      const rect = this.doc.rect(x0 + c.x + 1, y0 + c.y + 1, c.width - 2, c.height - 2);
      if (c.colour) rect.fill(c.colour);
      else rect.lineWidth(0.5).strokeColor(EMPTY_CELL_OUTLINE).stroke();
    }
    const ly = y0 + m.frame.height - m.frame.bottom + 10;
    this.style(8).text(this.s(legendTitle), x0 + m.frame.left, ly, { lineBreak: false });
    let x = x0 + m.frame.left;
    for (const item of m.legend) {
      const rect = this.doc.rect(x, ly + 14, 10, 10);
      if (item.colour) rect.fill(item.colour);
      else rect.lineWidth(0.5).strokeColor(EMPTY_CELL_OUTLINE).stroke();
      const label = this.s(item.text);
      const width = this.style(8).widthOfString(label);
      this.style(8).text(label, x + 14, ly + 15, { lineBreak: false });
      x += 14 + width + 14;
    }
  }

  /**
   * Footer text sits in the bottom margin: lift the margin so pdfkit does not add a page. The
   * footer repeats on every page, so it is an artifact, out of the reading order.
   */
  footer(left: string, right: string): void {
    artifact(this.doc, () => this.drawFooter(left, right), 'Pagination');
  }

  private drawFooter(left: string, right: string): void {
    const doc = this.doc;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = A4.height - MARGIN - 10;
    doc
      .moveTo(MARGIN, y - 6)
      .lineTo(MARGIN + CONTENT, y - 6)
      .lineWidth(0.5)
      .strokeColor(GRID_COLOUR)
      .stroke();
    this.style(8, false, MUTED).text(this.s(left), MARGIN, y, {
      width: CONTENT - 90,
      lineBreak: false,
      ellipsis: true,
    });
    this.style(8, false, MUTED).text(this.s(right), MARGIN + CONTENT - 90, y, {
      width: 90,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}
