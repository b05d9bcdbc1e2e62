// The privacy page states how long the store and the journal keep data (issue 13, item 5),
// with the durations read from the configuration, in every language the portal offers.

import request from 'supertest';
import { LANGUAGES } from '../../../src/domain/charter';
import { portalFixture, type PortalFixture } from '../../helpers/portal';

/** The number as a whole, not inside another one (a postcode, a year). */
const number = (n: number) => new RegExp(`(^|[^\\d])${n}([^\\d]|$)`);

let f: PortalFixture;
afterEach(async () => {
  await f?.close();
});

describe('privacy page and retention', () => {
  it.each(LANGUAGES)('states the configured durations in %s', async (lang) => {
    f = await portalFixture({
      ECN_JOURNAL_RETENTION_DAYS: '380',
      ECN_RETENTION_SESSIONS_DAYS: '45',
      ECN_RETENTION_ACCEPTANCES_DAYS: '400',
      ECN_RETENTION_TICKETS_DAYS: '500',
    });
    const page = await request(f.app).get(`/legal/privacy?lang=${lang}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('{{');
    for (const days of [380, 45, 400, 500])
      expect([lang, days, number(days).test(page.text)]).toEqual([lang, days, true]);
    expect(page.text).not.toMatch(number(365));
  });

  it.each(LANGUAGES)('states the default durations in %s', async (lang) => {
    f = await portalFixture();
    const page = await request(f.app).get(`/legal/privacy?lang=${lang}`);
    expect(page.text).toMatch(number(365));
    expect(page.text).not.toMatch(number(45));
  });
});
