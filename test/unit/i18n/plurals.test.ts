// Plurals follow CLDR through intl-messageformat: Arabic has six forms (zero, one, two, few
// for 3–10, many for 11–99, other for 100–102 and for the hundreds; 365 ends in 65: many), French counts 0 and 1 as singular.

import { consoleTranslator } from '../../../src/console/i18n';
import { printTranslator } from '../../../src/documents/print/print-translate';
import { formatDuration, translator } from '../../../src/portal/i18n';

describe('plurals', () => {
  const ar = translator('ar');
  const days = (d: number) => formatDuration(ar, d * 86400);

  it.each([
    [0, '0 دقيقة'],
    [1, 'دقيقة واحدة'],
    [2, 'دقيقتان'],
    [3, '3 دقائق'],
    [10, '10 دقائق'],
  ])('Arabic: %i minutes left read "%s"', (m, text) => {
    expect(formatDuration(ar, m * 60)).toBe(text);
  });

  it.each([
    [1, 'يوم واحد 0 ساعة'],
    [2, 'يومان 0 ساعة'],
    [3, '3 أيام 0 ساعة'],
    [10, '10 أيام 0 ساعة'],
    [11, '11 يومًا 0 ساعة'],
    [99, '99 يومًا 0 ساعة'],
    [100, '100 يوم 0 ساعة'],
    [102, '102 يوم 0 ساعة'],
    [365, '365 يومًا 0 ساعة'],
  ])('Arabic: %i days left read "%s"', (d, text) => {
    expect(days(d)).toBe(text);
  });

  it('Arabic: zero days, and hours with their own forms', () => {
    expect(ar('duration.days', { d: 0, h: 2 })).toBe('0 يوم ساعتان');
    expect(ar('duration.hours', { h: 5, m: 1 })).toBe('5 ساعات دقيقة واحدة');
    expect(ar('duration.hours', { h: 23, m: 59 })).toBe('23 ساعة 59 دقيقة');
  });

  it('French: 0 and 1 singular, 2 plural, no more "(s)"', () => {
    const t = consoleTranslator('fr');
    expect([0, 1, 2].map((n) => t('tickets.msg.issued', { n }))).toEqual([
      '0 ticket créé. Imprimez-les maintenant avec les boutons ci-dessous.',
      '1 ticket créé. Imprimez-les maintenant avec les boutons ci-dessous.',
      '2 tickets créés. Imprimez-les maintenant avec les boutons ci-dessous.',
    ]);
    expect([1, 2].map((count) => t('users.list.caption', { count }))).toEqual(['1 compte', '2 comptes']);
    expect(printTranslator('fr')('print.summary', { count: 1, layout: 'A4' })).toBe('1 ticket, format : A4');
    expect(formatDuration(translator('fr-falc'), 86400 + 3600)).toBe('1 jour 1 heure');
    expect(formatDuration(translator('fr-falc'), 2 * 86400 + 7200)).toBe('2 jours 2 heures');
  });

  it('English: 1 singular, 0 and 2 plural', () => {
    const t = consoleTranslator('en');
    expect([0, 1, 2].map((n) => t('help.count', { n }))).toEqual([
      '0 calls waiting',
      '1 call waiting',
      '2 calls waiting',
    ]);
  });
});
