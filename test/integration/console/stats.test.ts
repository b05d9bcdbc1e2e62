// The monthly statistics in the console: who may read them, the figures and charts of a month
// in which a resident connected on the portal, the CSV and the PDF for the label committee.

import request from 'supertest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consoleFixture, type ConsoleFixture } from '../../helpers/console';
import { CONSOLE_CATALOGS } from '../../../src/console/i18n';
import type { Role } from '../../../src/domain/console';
import { escapeHtml as esc, binaryBody } from '../../helpers/http';
import { chartMsg } from '../../helpers/messages';

let f: ConsoleFixture;
beforeEach(async () => {
  f = await consoleFixture();
});
afterEach(async () => {
  await f.close();
});

const fr = CONSOLE_CATALOGS.fr;
const reEsc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A resident accepts the charter and logs in with a ticket on the portal; an hour later, out. */
async function residentSession(profile = '1h'): Promise<void> {
  const [code] = await f.tickets(1, profile);
  const agent = await f.residentLogin(code!);
  f.access.clock.advance(30 * 60_000);
  const status = await agent.get('/status?lang=fr');
  const token = /name="_csrf" value="([^"]+)"/.exec(status.text)![1]!;
  await agent.post('/logout').type('form').send({ _csrf: token }).expect(303);
}

const pdfText = (pdf: Buffer): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-stats-pdf-'));
  try {
    const file = path.join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('who may read the statistics', () => {
  it.each([
    ['manager', 200],
    ['auditor', 200],
    ['animator', 403],
    ['requisition', 403],
  ] as [Role, number][])('%s → %i on the page and the downloads', async (role, status) => {
    const { agent } = await f.signIn(`x-${role}`, role);
    for (const url of ['/stats', '/stats?month=2026-10', '/stats/2026-11.csv', '/stats/2026-11.pdf']) {
      expect([url, (await agent.get(url)).status]).toEqual([url, status]);
    }
    const home = await agent.get('/');
    if (status === 200) expect(home.text).toContain('href="/stats"');
    else expect(home.text).not.toContain('href="/stats"');
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    for (const url of ['/stats', '/stats/2026-11.csv', '/stats/2026-11.pdf']) {
      const res = await request(f.console).get(url).expect(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
  });
});

describe('the month page', () => {
  it('shows the month of a resident’s session: figures explained, charts with their tables', async () => {
    await residentSession();
    const { agent } = await f.signIn('manon', 'manager');
    const res = await agent.get('/stats').expect(200);
    expect(res.text).toContain('<h1>Statistiques de novembre 2026</h1>');
    const figures = /<dl class="figures[^"]*">([\s\S]*?)<\/dl>/.exec(res.text)![1]!;
    const value = (label: string) =>
      new RegExp(`<dt>${reEsc(esc(label))}</dt>\\s*<dd>([^<]*)</dd>`).exec(figures)?.[1];
    expect(value(fr['charts.report.sessions'])).toBe('1');
    expect(value(fr['charts.report.deviceDays'])).toBe('1');
    expect(value(fr['charts.report.hours'])).toMatch(/^0,5\s?h$/);
    expect(value(fr['charts.report.ticketsIssued'])).toBe('1');
    expect(value(fr['charts.report.ticketsUsed'])).toBe('1');
    expect(value(fr['charts.report.charter'])).toBe('1');
    // The resident accepted on the portal's page, not by using a printed ticket (issue #15, item 7).
    expect(value(fr['charts.report.charterPortal'])).toBe('1');
    expect(value(fr['charts.report.charterTicket'])).toBe('0');
    expect(figures).toContain(esc(fr['stats.explain.charterTicket']));
    expect(figures).toContain(esc(fr['stats.explain.devices']));
    expect(res.text).toContain(esc(fr['stats.explain.devices']));

    // Six charts, each an image with its name and its table.
    expect(res.text.match(/<svg [^>]*role="img"/g)).toHaveLength(6);
    expect(res.text.match(/<table class="ecn-chart-table">/g)).toHaveLength(6);
    expect(res.text).toContain('<th scope="row">1 heure</th><td>1</td><td>1</td>');
    // 9:00 UTC on Saturday 28 November is 10 h in Paris.
    expect(res.text).toMatch(/<th scope="row">sam\.<\/th>(<td>0<\/td>){10}<td>1<\/td>/);
    expect(res.text).toContain('<div class="table-scroll" tabindex="0" role="region" aria-label="');
    expect(res.text).toContain('<th scope="row">français</th><td>1</td>');

    expect(res.text).toContain('href="/stats?month=2026-10"');
    expect(res.text).not.toContain('href="/stats?month=2026-12"');
    expect(res.text).toContain('<option value="2026-11" selected>novembre 2026</option>');
    expect(res.text).toContain('href="/stats/2026-11.pdf"');
    expect(res.text).toContain('href="/stats/2026-11.csv"');
    expect(res.text).not.toMatch(/<script|\sstyle=/i);
    expect(res.text.match(/<h1/g)).toHaveLength(1);
  });

  it('shows an empty earlier month with a next link, in English when asked', async () => {
    const { agent } = await f.signIn('ada', 'auditor');
    const res = await agent.get('/stats?month=2026-09&lang=en').expect(200);
    expect(res.text).toContain('<h1>Statistics for September 2026</h1>');
    expect(res.text).toContain('href="/stats?month=2026-10"');
    expect(res.text).toContain('No data yet');
  });

  it('refuses a month not written YYYY-MM with a French message', async () => {
    const { agent } = await f.signIn('manon', 'manager');
    for (const month of ['2026-13', 'novembre', '2026-1', '<b>']) {
      const res = await agent.get(`/stats?month=${encodeURIComponent(month)}`).expect(400);
      expect(res.text).toContain(esc(fr['err.ECN_ERR_MONTH_INVALID']));
    }
    await agent.get('/stats/2026-13.csv').expect(400);
    await agent.get('/stats/2026-11.xls').expect(404);
  });

  it('says so clearly when the statistics are off', async () => {
    await f.close();
    f = await consoleFixture({}, { deps: (d) => ({ ...d, stats: null }) });
    const { agent } = await f.signIn('manon', 'manager');
    const res = await agent.get('/stats').expect(503);
    expect(res.text).toContain(esc(fr['stats.unavailable']));
    const csv = await agent.get('/stats/2026-11.csv').expect(503);
    expect(csv.text).toContain(esc(fr['err.ECN_ERR_STATS_UNAVAILABLE']));
  });
});

describe('downloads', () => {
  it('gives the month as CSV, one line per figure', async () => {
    await residentSession();
    const { agent } = await f.signIn('manon', 'manager');
    const res = await agent.get('/stats/2026-11.csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename=statistiques-${f.config.space.id}-2026-11.csv`,
    );
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe('space_id,month,figure,key,value');
    expect(lines).toContain(`${f.config.space.id},2026-11,sessions,,1`);
    expect(lines).toContain(`${f.config.space.id},2026-11,device_days,,1`);
    expect(lines).toContain(`${f.config.space.id},2026-11,tickets_used,1h,1`);
    expect(lines).toContain(`${f.config.space.id},2026-11,sessions_by_hour,6-10,1`);
    expect(lines).toContain(`${f.config.space.id},2026-11,charter_acceptances_by_way,portal,1`);
    expect(lines).toContain(`${f.config.space.id},2026-11,charter_acceptances_by_way,ticket,0`);
  });

  it('gives the printable report as a PDF naming the space and the month in French', async () => {
    await residentSession();
    const { agent } = await f.signIn('ada', 'auditor');
    const res = await agent.get('/stats/2026-11.pdf').buffer(true).parse(binaryBody).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(body);
    expect(text).toContain('Espace de test');
    expect(text).toContain('novembre 2026');
    expect(text).toContain(chartMsg('fr', 'charts.report.title'));
    expect(text).toContain('1 heure');
  });
});
