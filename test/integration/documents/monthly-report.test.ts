// One report model, two renderers (issue #14, item 3): the console's statistics page, its PDF
// and its CSV show the figures of the one model built from the month's counters and the
// attendance animators recorded. Read through the console's own routes, the PDF through
// pdftotext, so what is compared is what a manager sees and what the committee receives.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consoleFixture, type ConsoleFixture } from '../../helpers/console';
import { escapeHtml as esc, binaryBody } from '../../helpers/http';
import { chartText } from '../../../src/console/i18n/charts';
import { figureFormat } from '../../../src/documents/monthly/monthly-format';
import { monthlyModel, type MonthlyModel } from '../../../src/documents/monthly/monthly-model';
import { monthlyReport } from '../../../src/documents/monthly/monthly-report';
import { monthAttendance, recordDeskVisits, recordWorkshop } from '../../../src/services/attendance';

let f: ConsoleFixture;
let model: MonthlyModel;
const MONTH = '2026-11';

beforeAll(async () => {
  f = await consoleFixture();
  // Figures that differ from each other, so a figure shown in another's place is seen.
  const add = (day: string, metric: Parameters<typeof f.stats.add>[1], key: string, n: number) =>
    f.stats.add(`${MONTH}-${day}`, metric, key, n);
  add('03', 'sessions', '', 1200);
  add('04', 'sessions', '', 34);
  add('03', 'seconds', '', 812.5 * 3600);
  add('03', 'devices', '', 987);
  add('03', 'tickets_issued', '1h', 120);
  add('03', 'tickets_issued', '1d', 41);
  add('03', 'tickets_used', '1h', 101);
  add('03', 'tickets_used', '1d', 33);
  add('03', 'charter', 'fr', 301);
  add('03', 'charter', 'ar', 22);
  add('03', 'charter_via', 'portal', 290);
  add('03', 'charter_via', 'ticket', 33);
  add('03', 'blocked', 'phishing', 1203);
  add('03', 'blocked', 'adult', 417);
  add('03', 'help', 'code', 9);
  add('03', 'help', 'welcome', 4);
  add('03', 'heat', '2-10', 700);
  add('04', 'heat', '3-15', 534);
  const by = 'manon';
  await recordDeskVisits(f.access, {
    spaceId: f.config.space.id,
    day: `${MONTH}-03`,
    halfDay: 'morning',
    count: 23,
    by,
  });
  await recordDeskVisits(f.access, {
    spaceId: f.config.space.id,
    day: `${MONTH}-03`,
    halfDay: 'afternoon',
    count: 19,
    by,
  });
  await recordWorkshop(f.access, {
    spaceId: f.config.space.id,
    day: `${MONTH}-05`,
    theme: 'Démarches en ligne',
    minutes: 150,
    participants: 7,
    by,
  });
  const { summary } = await monthAttendance(f.access, f.config.space.id, MONTH);
  const labels = Object.fromEntries(f.config.profiles.map((p) => [p.name, p.label]));
  model = monthlyModel(monthlyReport(f.stats, f.config.space.id, MONTH, summary), labels);
});
afterAll(async () => {
  await f.close();
});

const text = figureFormat('fr');
const label = (key: Parameters<typeof chartText>[1]) => chartText('fr', key);
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
/** pdftotext may drop the space before a unit ("0h"): compare PDF values without spaces. */
const squash = (s: string | undefined) => s?.replace(/\s+/g, '');
const reEsc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-model-pdf-'));
  try {
    writeFileSync(path.join(dir, 'r.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The value the page gives under a figure's label. */
function pageValue(html: string, name: string): string | undefined {
  return new RegExp(`<dt>${reEsc(esc(name))}</dt>\\s*<dd>([^<]*)</dd>`).exec(html)?.[1];
}

/** The value on the PDF's table line that starts with `name` (the rest of the line). */
function pdfValue(pdf: string, name: string): string | undefined {
  const line = plain(pdf)
    .split('\n')
    .find((l) => l.trim().startsWith(plain(name)));
  return line?.trim().slice(plain(name).length).trim();
}

describe('the page, the PDF and the CSV of one month', () => {
  let page: string;
  let pdf: string;
  let csv: string[];
  beforeAll(async () => {
    const { agent } = await f.signIn('manon', 'manager');
    page = (await agent.get(`/stats?month=${MONTH}`).expect(200)).text;
    const res = await agent.get(`/stats/${MONTH}.pdf`).buffer(true).parse(binaryBody).expect(200);
    pdf = pdfText(res.body as Buffer);
    csv = (await agent.get(`/stats/${MONTH}.csv`).expect(200)).text.split('\r\n');
  });

  it('the model holds the month as counted', () => {
    const value = (id: string) => model.keyFigures.find((x) => x.id === id)?.value;
    expect(value('sessions')).toBe(1234);
    expect(value('hours')).toBe(812.5);
    expect(value('ticketsIssued')).toBe(161);
    expect(value('charter')).toBe(323);
    expect(model.attendance.find((x) => x.id === 'deskVisits')?.value).toBe(42);
    expect(model.attendance.find((x) => x.id === 'workshopHours')?.value).toBe(2.5);
    expect(model.helpTotal.value).toBe(13);
    expect(model.blockedTotal.value).toBe(1620);
  });

  it('shows every key figure of the model with the same value on the page and in the PDF', () => {
    for (const fig of model.keyFigures) {
      const want = plain(text(fig));
      expect([fig.id, plain(pageValue(page, label(fig.label)) ?? '')]).toEqual([fig.id, want]);
      expect([fig.id, squash(pdfValue(pdf, label(fig.label)))]).toEqual([fig.id, squash(want)]);
    }
  });

  it('shows the attendance figures of the model on the page and in the PDF', () => {
    for (const fig of model.attendance) {
      expect([fig.id, squash(pdfValue(pdf, label(fig.label)))]).toEqual([fig.id, squash(text(fig))]);
    }
    for (const id of ['deskVisits', 'workshops', 'individualSessions']) {
      const fig = model.attendance.find((x) => x.id === id)!;
      expect([id, plain(pageValue(page, label(fig.label)) ?? '')]).toEqual([id, plain(text(fig))]);
    }
    expect(plain(pageValue(page, label(model.helpTotal.label)) ?? '')).toBe(text(model.helpTotal));
    // The workshops' participants and hours are told under the figure on the page.
    const hours = model.attendance.find((x) => x.id === 'workshopHours')!;
    expect(plain(page)).toContain(plain(esc(text(hours))));
  });

  it('gives the same tables: tickets by profile, blocked categories, charter by language', () => {
    for (const p of model.profiles) {
      expect(page).toContain(`<th scope="row">${esc(p.label)}</th><td>${p.issued}</td><td>${p.used}</td>`);
      expect(pdfValue(pdf, p.label)?.split(/\s+/)).toEqual([String(p.issued), String(p.used)]);
      expect(csv).toContain(`${f.config.space.id},${MONTH},tickets_issued,${p.key},${p.issued}`);
      expect(csv).toContain(`${f.config.space.id},${MONTH},tickets_used,${p.key},${p.used}`);
    }
    for (const b of model.blocked) {
      const n = plain(text({ value: b.count, unit: 'count' }));
      expect(plain(page)).toContain(`<th scope="row">${b.category}</th><td>${n}</td>`);
      expect(squash(pdfValue(pdf, b.category))).toBe(squash(n));
      expect(csv).toContain(`${f.config.space.id},${MONTH},blocked_queries,${b.category},${b.count}`);
    }
    expect(squash(pdfValue(pdf, label('charts.report.total')))).toBe(squash(text(model.blockedTotal)));
    for (const l of model.languages) {
      const name = l.label ? label(l.label) : l.key;
      expect(page).toContain(`<th scope="row">${esc(name)}</th><td>${l.count}</td>`);
      expect(pdfValue(pdf, name)).toBe(String(l.count));
    }
  });

  it('gives the CSV the counters the figures come from', () => {
    const row = (figure: string, key: string, v: number) =>
      `${f.config.space.id},${MONTH},${figure},${key},${v}`;
    const fig = (id: string) => model.keyFigures.find((x) => x.id === id)!.value;
    expect(csv).toContain(row('sessions', '', fig('sessions')));
    expect(csv).toContain(row('hours_connected', '', fig('hours')));
    expect(csv).toContain(row('device_days', '', fig('deviceDays')));
    expect(csv).toContain(row('charter_acceptances_by_way', 'ticket', fig('charterTicket')));
    expect(csv).toContain(row('sessions_by_hour', '2-10', model.heat[1]![10]!));
  });
});
