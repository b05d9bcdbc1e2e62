// Issue #15, item 1, "statistics count by opening hour": residents' calls for help are counted
// by weekday and hour like the Wi-Fi sessions, on the console's statistics page, in the CSV and
// in the PDF, with nothing that links a call to a device. A call asked again counts once.

import request from 'supertest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consoleFixture, type ConsoleFixture } from '../../helpers/console';
import { CONSOLE_CATALOGS } from '../../../src/console/i18n';
import { escapeHtml as esc, binaryBody } from '../../helpers/http';

const fr = CONSOLE_CATALOGS.fr;
let f: ConsoleFixture;
beforeEach(async () => {
  f = await consoleFixture();
});
afterEach(async () => {
  await f.close();
});

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-help-hours-'));
  try {
    const file = path.join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A resident presses « J'ai besoin d'aide » on the welcome page. */
async function askForHelp(agent: ReturnType<typeof request.agent>): Promise<void> {
  const page = await agent.get('/?lang=fr').expect(200);
  const form = /<form class="help-call"[\s\S]*?<\/form>/.exec(page.text)![0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1]!;
  await agent.post('/help').type('form').send({ _csrf: csrf, page: 'welcome' }).expect(200);
}

describe('calls for help by opening hour', () => {
  it('counts a call at its weekday and hour on the page, in the CSV and in the PDF', async () => {
    // 9:00 UTC on Saturday 28 November 2026 is 10 h in Paris.
    const resident = request.agent(f.app);
    await askForHelp(resident);
    f.access.clock.advance(60_000);
    await askForHelp(resident); // the same call refreshed: counted once
    const { agent } = await f.signIn('manon', 'manager');

    const page = (await agent.get('/stats?month=2026-11').expect(200)).text;
    const chart =
      /<section class="chart stats-chart" aria-labelledby="stats-help-heat">[\s\S]*?<\/section>/.exec(
        page,
      )?.[0];
    expect(page).toContain(esc(fr['charts.report.helpByHour']));
    expect(page).toContain(esc(fr['stats.helpHeat.desc']));
    expect(chart).toBeDefined();
    expect(chart).toMatch(/<th scope="row">sam\.<\/th>(<td>0<\/td>){10}<td>1<\/td>(<td>0<\/td>){13}<\/tr>/);
    // The sessions' grid is a grid of its own: no session this month.
    const sessions =
      /<section class="chart stats-chart" aria-labelledby="stats-heat">[\s\S]*?<\/section>/.exec(page)![0];
    expect(sessions).not.toMatch(/<td>[1-9]/);

    const csv = (await agent.get('/stats/2026-11.csv').expect(200)).text;
    const lines = csv.split('\r\n');
    expect(lines).toContain(`${f.config.space.id},2026-11,help_requests_by_hour,6-10,1`);
    expect(lines).toContain(`${f.config.space.id},2026-11,help_requests,welcome,1`);
    // Nothing of the device: no address, no symbols, no identifier.
    const [call] = await f.store.listHelpRequests(f.config.space.id);
    for (const text of [page, csv]) {
      expect(text).not.toContain('127.0.0.1');
      expect(text).not.toContain(call!.device);
    }

    const pdf = await agent.get('/stats/2026-11.pdf').buffer(true).parse(binaryBody).expect(200);
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain(fr['charts.report.helpByHour']);
    expect(text).toContain(fr['charts.report.helpByHourDesc'].slice(0, 40));
  });
});
