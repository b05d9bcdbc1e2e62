// The PDF renderer of the monthly report: the model as a printable, tagged A4 PDF for the label
// committee (key figures, tickets, languages, sessions by weekday, busiest hours, blocked
// queries, attendance, how the figures are counted). Drawing and tagging: pdf/report-writer.ts.

import { newPdfDocument } from '../pdf/pdfkit';
import { barModel, heatModel, type BarChartInput } from '../charts/model';
import { numberFormat } from '../charts/number-format';
import { chartLocale, chartText, type ChartKey, type ChartLang } from '../../console/i18n/charts';
import { documentRoot } from '../pdf/pdf-tags';
import { CONTENT, fontsIn, MARGIN, MUTED, Writer } from '../pdf/report-writer';
import { figureFormat, monthTitle } from './monthly-format';
import type { KeyedLabel, ModelFigure, MonthlyModel } from './monthly-model';

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
  /** Folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf (Debian's fonts-dejavu-core). */
  fontDir?: string;
}

const DEFAULT_FONT_DIR = '/usr/share/fonts/truetype/dejavu';

type Translate = (key: ChartKey, vars?: Record<string, string | number>) => string;

/** What every section draws with: the writer, the words, the number formats. */
interface Pen {
  w: Writer;
  t: Translate;
  lang: ChartLang;
  num: (v: number) => string;
  fig: (f: Pick<ModelFigure, 'value' | 'unit'>) => string;
  colour?: string;
  /** "title: figures" as the charts' alternative texts say it. */
  said: (label: string, value: string) => string;
}

export async function monthlyReportPdf(model: MonthlyModel, opts: MonthlyReportPdfOptions): Promise<Buffer> {
  const lang = opts.lang;
  const t: Translate = (key, vars) => chartText(lang, key, vars);
  const generatedAt = new Date(opts.generatedAt);
  const month = opts.month ?? model.month;
  const doc = newPdfDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: true,
    tagged: true,
    lang: chartLocale(lang),
    displayTitle: true,
    info: {
      Title: `${t('charts.report.title')} — ${opts.spaceName} — ${monthTitle(month, lang)}`,
      Author: opts.spaceName,
      Subject: t('charts.report.forCommittee'),
      Creator: 'ECN gateway',
      Producer: 'ECN gateway',
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
  const done = collect(doc);
  const w = new Writer(doc, fontsIn(opts.fontDir ?? DEFAULT_FONT_DIR), documentRoot(doc));
  const pen: Pen = {
    w,
    t,
    lang,
    num: numberFormat(lang),
    fig: figureFormat(lang),
    colour: opts.colour,
    said: (label, value) => t('charts.bar.tip', { label, value }),
  };
  titleSection(pen, opts.spaceName, month);
  figureSections(pen, model);
  weekdaySection(pen, model);
  heatSection(pen, model);
  blockedSection(pen, model);
  attendanceSections(pen, model);
  helpHourSection(pen, model);
  w.heading(t('charts.report.method'), 90);
  w.paragraph(t('charts.report.methodText'), { size: 9.5 });
  footers(doc, w, t, lang, `${opts.spaceName} — ${monthTitle(month, lang)}`, generatedAt, opts.timeZone);
  doc.end();
  return done;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

const labelOf = (l: KeyedLabel, t: Translate) => (l.label ? t(l.label) : l.key);

function titleSection({ w, t, lang }: Pen, spaceName: string, month: string): void {
  w.text(t('charts.report.title'), { size: 20, bold: true }, 'H1');
  w.text(t('charts.report.subtitle', { space: spaceName, month: monthTitle(month, lang) }), { size: 14 });
  w.text(t('charts.report.forCommittee'), { size: 10, colour: MUTED });
  w.gap(14);
}

/** The key figures, then tickets by profile and charter acceptances by language. */
function figureSections({ w, t, num, fig }: Pen, m: MonthlyModel): void {
  w.heading(t('charts.report.keyFigures'));
  w.table(
    [t('charts.report.figure'), t('charts.report.value')],
    m.keyFigures.map((f) => [t(f.label), fig(f)]),
    [CONTENT - 140, 140],
  );
  if (m.profiles.length) {
    w.heading(t('charts.report.byProfile'));
    w.table(
      [t('charts.report.profile'), t('charts.report.issued'), t('charts.report.used')],
      m.profiles.map((p) => [p.label, num(p.issued), num(p.used)]),
      [CONTENT - 240, 120, 120],
    );
  }
  if (m.languages.length) {
    w.heading(t('charts.report.byLanguage'));
    w.table(
      [t('charts.report.language'), t('charts.report.charter')],
      m.languages.map((l) => [labelOf(l, t), num(l.count)]),
      [CONTENT - 140, 140],
    );
  }
}

function weekdaySection({ w, t, lang, num, colour, said }: Pen, m: MonthlyModel): void {
  const weekdays = t('charts.weekdays').split(',');
  const bars: BarChartInput = {
    title: t('charts.report.sessionsByWeekday'),
    desc: t('charts.report.sessionsByWeekdayDesc'),
    series: m.sessionsByWeekday.map((value, i) => ({ label: weekdays[i]!, value })),
    unit: t('charts.unit.sessions'),
    lang,
    colour,
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
}

function heatSection(pen: Pen, m: MonthlyModel): void {
  weekHoursSection(pen, m.heat, {
    title: 'charts.report.busiestHours',
    desc: 'charts.report.busiestHoursDesc',
    unit: 'charts.unit.sessions',
  });
}

/** Calls for help by weekday and hour (issue #15, item 1), when the month counted any that way. */
function helpHourSection(pen: Pen, m: MonthlyModel): void {
  if (!m.helpHeat.some((hours) => hours.some((v) => v > 0))) return;
  weekHoursSection(pen, m.helpHeat, {
    title: 'charts.report.helpByHour',
    desc: 'charts.report.helpByHourDesc',
    unit: 'charts.unit.helpRequests',
  });
}

/** A weekday × hour grid (sessions, calls for help), with its description and its counts in words. */
function weekHoursSection(
  { w, t, lang, num, colour, said }: Pen,
  values: number[][],
  keys: { title: ChartKey; desc: ChartKey; unit: ChartKey },
): void {
  const weekdays = t('charts.weekdays').split(',');
  const heatHeight = 22 + 7 * 18 + 44;
  const heat = heatModel(
    {
      title: t(keys.title),
      desc: t(keys.desc),
      rows: t('charts.weekdaysShort').split(','),
      cols: Array.from({ length: 24 }, (_, h) => t('charts.hour', { hour: h })),
      values,
      lang,
      colour,
    },
    { width: CONTENT, height: heatHeight, left: 44, right: 4, top: 22, bottom: 44 },
  );
  w.heading(t(keys.title), heatHeight + 40);
  w.paragraph(t(keys.desc), { size: 9, colour: MUTED });
  // In words: for each weekday with counts, the hours that had some and how many.
  const busy = values.flatMap((byHour, d) => {
    const hoursWithCounts = byHour.flatMap((v, h) =>
      v > 0 ? [`${t('charts.hour', { hour: h })} ${num(v)}`] : [],
    );
    return hoursWithCounts.length ? [said(weekdays[d]!, hoursWithCounts.join(', '))] : [];
  });
  w.heat(
    heat,
    `${t('charts.heat.legendTitle')} (${t(keys.unit)})`,
    t('charts.empty'),
    said(t(keys.title), busy.join('; ')),
  );
}

function blockedSection({ w, t, num, fig }: Pen, m: MonthlyModel): void {
  w.heading(t('charts.report.blocked'), 60);
  if (!m.blocked.length) return w.paragraph(t('charts.report.noBlocked'), { size: 10 });
  w.table(
    [t('charts.report.category'), t('charts.report.queries')],
    [...m.blocked.map((b) => [b.category, num(b.count)]), [t(m.blockedTotal.label), fig(m.blockedTotal)]],
    [CONTENT - 140, 140],
  );
}

/** Attendance recorded by the animators, beside the Wi-Fi figures (issue #15, item 6). */
function attendanceSections({ w, t, num, fig }: Pen, m: MonthlyModel): void {
  w.heading(t('charts.report.attendance'), 120);
  w.paragraph(t('charts.report.attendanceDesc'), { size: 9, colour: MUTED });
  w.table(
    [t('charts.report.figure'), t('charts.report.value')],
    m.attendance.map((f) => [t(f.label), fig(f)]),
    [CONTENT - 140, 140],
  );
  const hours = (value: number) => fig({ value, unit: 'hours' });
  for (const [heading, rows] of [
    [t('charts.report.workshopThemes'), m.workshopThemes],
    [t('charts.report.individualThemes'), m.individualThemes],
  ] as const) {
    if (!rows.length) continue;
    w.heading(heading, 60);
    w.table(
      [t('charts.report.theme'), t('charts.report.value'), t('charts.report.themeHours')],
      rows.map((r) => [r.theme, num(r.sessions), hours(r.hours)]),
      [CONTENT - 200, 100, 100],
    );
  }
  if (!m.help.length) return;
  w.heading(t(m.helpTotal.label), 60);
  w.table(
    [t('charts.report.helpPage'), t('charts.report.value')],
    [...m.help.map((h) => [labelOf(h, t), num(h.count)]), [t('charts.report.total'), fig(m.helpTotal)]],
    [CONTENT - 140, 140],
  );
}

/** The footer on every page, once the page count is known. */
function footers(
  doc: PDFKit.PDFDocument,
  w: Writer,
  t: Translate,
  lang: ChartLang,
  left: string,
  generatedAt: Date,
  timeZone = 'Europe/Paris',
): void {
  const range = doc.bufferedPageRange();
  const generated = t('charts.report.generated', {
    date: new Intl.DateTimeFormat(chartLocale(lang), { dateStyle: 'long', timeZone }).format(generatedAt),
  });
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    w.footer(`${left} — ${generated}`, t('charts.report.page', { page: i + 1, pages: range.count }));
  }
}
