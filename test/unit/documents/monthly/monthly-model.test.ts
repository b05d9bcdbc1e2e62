// The monthly report's model: built once from the counters, pure, with every figure the
// renderers show, in the order they show them.

import { emptyAttendance } from '../../../../src/domain/attendance';
import { figureFormat, monthTitle } from '../../../../src/documents/monthly/monthly-format';
import { figureById, monthlyModel } from '../../../../src/documents/monthly/monthly-model';
import type { MonthlyReport } from '../../../../src/documents/monthly/monthly-report';

const heat = Array.from({ length: 7 }, (_, d) =>
  Array.from({ length: 24 }, (_, h) => (h === 10 ? d + 1 : 0)),
);
const report: MonthlyReport = {
  spaceId: 'roubaix-epeule',
  month: '2026-11',
  sessions: 28,
  hoursConnected: 12.5,
  deviceDays: 19,
  ticketsIssued: { '1h': 12, '1d': 4 },
  ticketsUsed: { '1h': 10, week: 1 },
  charterAcceptances: { fr: 20, ar: 3, xx: 1 },
  charterAcceptancesByWay: { portal: 21, ticket: 3 },
  blockedByCategory: { adult: 5, phishing: 9, gambling: 5 },
  heat,
  helpRequests: { code: 2, elsewhere: 1 },
  helpHeat: Array.from({ length: 7 }, () => Array<number>(24).fill(0)),
  attendance: {
    ...emptyAttendance(),
    deskVisits: 7,
    workshops: 2,
    workshopMinutes: 150,
    workshopThemes: {
      CV: { sessions: 1, people: 4, minutes: 60 },
      Impôts: { sessions: 1, people: 3, minutes: 90 },
      Banque: { sessions: 2, people: 5, minutes: 30 },
    },
  },
};

describe('monthlyModel', () => {
  it('gives the key figures in the order the page and the PDF show them, totals added up', () => {
    const m = monthlyModel(report);
    expect(m.keyFigures.map((f) => [f.id, f.value, f.unit])).toEqual([
      ['deviceDays', 19, 'count'],
      ['sessions', 28, 'count'],
      ['hours', 12.5, 'hours'],
      ['ticketsIssued', 16, 'count'],
      ['ticketsUsed', 11, 'count'],
      ['charter', 24, 'count'],
      ['charterPortal', 21, 'count'],
      ['charterTicket', 3, 'count'],
    ]);
    expect(figureById(m.attendance, 'workshopHours').value).toBe(2.5);
    expect(m.helpTotal.value).toBe(3);
    expect(m.blockedTotal.value).toBe(19);
    expect(() => figureById(m.attendance, 'nope')).toThrow(RangeError);
  });

  it('builds the tables and chart series once: sorted, labelled, with unknown keys kept as is', () => {
    const m = monthlyModel(report, { '1h': '1 heure' });
    expect(m.profiles).toEqual([
      { key: '1d', label: '1d', issued: 4, used: 0 },
      { key: '1h', label: '1 heure', issued: 12, used: 10 },
      { key: 'week', label: 'week', issued: 0, used: 1 },
    ]);
    expect(m.languages).toEqual([
      { key: 'ar', label: 'charts.lang.ar', count: 3 },
      { key: 'fr', label: 'charts.lang.fr', count: 20 },
      { key: 'xx', label: null, count: 1 },
    ]);
    expect(m.blocked.map((b) => b.category)).toEqual(['phishing', 'adult', 'gambling']);
    expect(m.help).toEqual([
      { key: 'code', label: 'charts.report.help.code', count: 2 },
      { key: 'elsewhere', label: null, count: 1 },
    ]);
    expect(m.workshopThemes.map((t) => [t.theme, t.sessions, t.hours])).toEqual([
      ['Banque', 2, 0.5],
      ['CV', 1, 1],
      ['Impôts', 1, 1.5],
    ]);
    expect(m.sessionsByWeekday).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('is pure: the same report gives the same model, and the report is left as it was', () => {
    const before = JSON.stringify(report);
    const a = monthlyModel(report, { '1h': '1 heure' });
    a.heat[0]![10] = 99;
    expect(monthlyModel(report, { '1h': '1 heure' }).heat[0]![10]).toBe(1);
    expect(JSON.stringify(report)).toBe(before);
    expect(monthlyModel(report).counts).toBe(report);
  });

  it('writes figures the same way for every renderer', () => {
    expect(figureFormat('fr')({ value: 1234, unit: 'count' }).replace(/\s/g, ' ')).toBe('1 234');
    expect(figureFormat('fr')({ value: 812.5, unit: 'hours' }).replace(/\s/g, ' ')).toBe('812,5 h');
    expect(figureFormat('en')({ value: 812.5, unit: 'hours' }).replace(/\s/g, ' ')).toBe('812.5 h');
    expect(monthTitle('2026-11', 'fr')).toBe('novembre 2026');
  });
});
