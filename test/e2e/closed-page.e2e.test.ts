// Issue #15, item 1 in a real browser (Debian's headless Chromium, JavaScript off) against the
// built service: while the space is closed (a closure around today), the welcome address shows
// the closed page in each of the four languages, with the next opening in that language and the
// space's time zone, right-to-left in Arabic, and axe-core finds no WCAG 2.1 A/AA violation
// (axe runs in the page, so it gets a second, script-enabled look at the same script-free page).

import { Browsers, screenshotAndAxe } from '../helpers/browser';
import { startService, tempSetup, type RunningService } from '../helpers/processes';
import { CATALOGS, formatDayTime } from '../../src/portal/i18n';
import { LANGUAGES, type Language } from '../../src/domain/charter';
import { localMoment } from '../../src/domain/opening-hours';
import { zonedToUtc } from '../../src/domain/zoned-time';
import { freePort } from '../helpers/redis-server';

jest.setTimeout(180_000);

const PARIS = 'Europe/Paris';

/** A local day of the space `n` days from today. */
function dayFromToday(n: number): string {
  const today = localMoment(Date.now(), PARIS).day;
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

let svc: RunningService;
let base: string;
const browsers = new Browsers();
const every = '["09:00-18:00"]';

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const { config } = tempSetup();
  svc = await startService(config, {
    ECN_PORTAL_LISTEN: `127.0.0.1:${port}`,
    ECN_PORTAL_PUBLIC_URL: base,
    ECN_SPACE_NAME: "ECN de l'Épeule",
    ECN_SPACE_OPENING_HOURS_MON: every,
    ECN_SPACE_OPENING_HOURS_TUE: every,
    ECN_SPACE_OPENING_HOURS_WED: every,
    ECN_SPACE_OPENING_HOURS_THU: every,
    ECN_SPACE_OPENING_HOURS_FRI: every,
    ECN_SPACE_OPENING_HOURS_SAT: every,
    ECN_SPACE_OPENING_HOURS_SUN: every,
    ECN_SPACE_CLOSURES: JSON.stringify([`${dayFromToday(-1)}..${dayFromToday(1)}`]),
  });
});

afterAll(async () => {
  svc?.child.kill('SIGTERM');
  await svc?.exited;
  await browsers.closeAll();
});

const LOCALES: Record<Language, string> = { fr: 'fr-FR', 'fr-falc': 'fr-FR', en: 'en-GB', ar: 'ar' };

describe.each(LANGUAGES)('the closed page in %s', (lang) => {
  it('names the next opening and offers no login form, without JavaScript', async () => {
    const t = CATALOGS[lang];
    const next = zonedToUtc(`${dayFromToday(2)}T09:00`, PARIS);
    const { context, page, requests } = await browsers.open({
      locale: LOCALES[lang],
      javaScriptEnabled: false,
    });
    try {
      await page.goto(`${base}/hotspot-detect.html`);
      await page.goto(`${base}/?lang=${lang}`);
      expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      await expect(page.locator('h1').textContent()).resolves.toBe(t['closed.title']);
      await expect(page.locator('#closed-next').textContent()).resolves.toBe(
        t['closed.next'].replace('{time}', formatDayTime(lang, next, PARIS)),
      );
      expect(await page.locator('form[action="/login"]').count()).toBe(0);
      expect(await page.locator('.opening-hours div').count()).toBe(7);
      for (const url of requests) expect(new URL(url).origin).toBe(base);
    } finally {
      await context.close();
    }
  });

  it('has no accessibility violation (axe-core)', async () => {
    const { context, page } = await browsers.open({ locale: LOCALES[lang] });
    try {
      await page.goto(`${base}/?lang=${lang}`);
      await expect(page.locator('h1').textContent()).resolves.toBe(CATALOGS[lang]['closed.title']);
      await screenshotAndAxe(page, `closed-${lang}`, 5);
    } finally {
      await context.close();
    }
  });
});
