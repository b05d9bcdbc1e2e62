// The printable monthly report: the committee reads the space, the month in French, the key
// figures, the blocked categories and the method; the PDF renders, and the same month gives
// the same bytes. It is a tagged PDF: a screen reader gets the headings, the tables with their
// headers, the charts told in words, in reading order, without the page footers.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MonthlyReport } from '../../../../src/documents/monthly/monthly-report';
import { monthTitle } from '../../../../src/documents/monthly/monthly-format';
import { monthlyModel, sessionsByWeekday } from '../../../../src/documents/monthly/monthly-model';
import {
  monthlyReportPdf as renderPdf,
  type MonthlyReportPdfOptions,
} from '../../../../src/documents/monthly/monthly-report-pdf';
import {
  childrenOf,
  plainSpaces,
  readTaggedPdf,
  textUnder,
  unmarkedPainting,
} from '../../../helpers/tagged-pdf';
import { chartMsg } from '../../../helpers/messages';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-report-pdf-'));

const heat = Array.from({ length: 7 }, (_, d) =>
  Array.from({ length: 24 }, (_, h) => (d < 6 && h >= 9 && h < 19 ? (d + h) % 5 : 0)),
);

const report: MonthlyReport = {
  spaceId: 'roubaix-epeule',
  month: '2026-11',
  sessions: 1234,
  hoursConnected: 812.5,
  deviceDays: 987,
  ticketsIssued: { '1h': 120, '1d': 40 },
  ticketsUsed: { '1h': 101, '1d': 33 },
  charterAcceptances: { fr: 300, 'fr-falc': 12, ar: 20 },
  charterAcceptancesByWay: { portal: 290, ticket: 42 },
  blockedByCategory: { adult: 410, gambling: 35, phishing: 1200 },
  heat,
  helpRequests: { welcome: 4, code: 9, blocked: 2 },
  helpHeat: Array.from({ length: 7 }, () => Array<number>(24).fill(0)),
  attendance: {
    deskVisits: 231,
    deskMornings: 98,
    deskAfternoons: 133,
    workshops: 6,
    workshopParticipants: 41,
    workshopMinutes: 540,
    individualSessions: 17,
    individualMinutes: 765,
    workshopThemes: { 'Démarches administratives en ligne': { sessions: 4, people: 30, minutes: 360 } },
    individualThemes: { "Recherche d'emploi": { sessions: 17, people: 17, minutes: 765 } },
  },
};

/** A text as a pattern that lets the PDF's line breaks fall between any two words; then a value. */
function inWords(text: string, value?: string): RegExp {
  const words = (s: string) => s.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp([...words(text), ...(value === undefined ? [] : words(value))].join('\\s+'));
}

const options = {
  spaceName: 'Espace numérique de l’Épeule',
  month: '2026-11',
  generatedAt: Date.UTC(2026, 11, 1, 9, 30),
  lang: 'fr' as const,
  profileLabels: { '1h': '1 heure', '1d': '1 journée' },
};

/** The PDF as the console and `ecn` make it: the month's model, then its PDF renderer. */
const monthlyReportPdf = (
  r: MonthlyReport,
  o: MonthlyReportPdfOptions & { profileLabels?: Record<string, string> },
): Promise<Buffer> => renderPdf(monthlyModel(r, o.profileLabels), o);

function save(pdf: Buffer, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

// pdftotext writes the digit groups with the narrow no-break space of French; read plain spaces.
const text = (file: string) =>
  execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\u202f\u00a0]/g, ' ');
const pages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

describe('monthlyReportPdf', () => {
  let file: string;
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await monthlyReportPdf(report, options);
    file = save(pdf, 'report.pdf');
  });

  it('is a PDF whose text names the space, the month in French and the key figures', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const t = text(file);
    expect(t).toContain(chartMsg('fr', 'charts.report.title'));
    expect(t).toContain(
      chartMsg('fr', 'charts.report.subtitle', { space: options.spaceName, month: 'novembre 2026' }),
    );
    expect(t).toMatch(/Appareils distincts \(somme par jour\)\s+987/);
    expect(t).toMatch(/Sessions\s+1 234/);
    expect(t).toMatch(/Heures de connexion\s+812,5 h/);
    expect(t).toMatch(/Tickets émis\s+160/);
    expect(t).toMatch(/Tickets utilisés\s+134/);
    expect(t).toMatch(/Chartes acceptées\s+332/);
    expect(t).toMatch(inWords(chartMsg('fr', 'charts.report.charterPortal'), '290'));
    expect(t).toMatch(inWords(chartMsg('fr', 'charts.report.charterTicket'), '42'));
    expect(t).toMatch(/1 heure\s+120\s+101/);
    expect(t).toMatch(/facile à lire \(FALC\)\s+12/);
  });

  it('puts the attendance animators recorded beside the Wi-Fi figures (issue #15)', () => {
    const t = text(file);
    expect(t).toContain('Fréquentation de l’espace (hors Wi-Fi)');
    expect(t).toMatch(/Passages à l’accueil\s+231/);
    expect(t).toMatch(/dont le matin\s+98/);
    expect(t).toMatch(/Ateliers\s+6/);
    expect(t).toMatch(/Participants aux ateliers\s+41/);
    expect(t).toMatch(/Accompagnements individuels\s+17/);
    expect(t).toMatch(inWords(Object.keys(report.attendance!.workshopThemes)[0]!, '4'));
    expect(t).toMatch(/Code refusé\s+9/);
  });

  it('has the charts, the blocked categories, the method and numbered pages', () => {
    const t = text(file);
    expect(t).toContain(chartMsg('fr', 'charts.report.sessionsByWeekday'));
    expect(t).toContain(chartMsg('fr', 'charts.report.busiestHours'));
    expect(t).toMatch(/phishing\s+1 200[\s\S]*adult\s+410[\s\S]*Total\s+1 645/);
    // The method's whole text, however the page wraps it.
    expect(t).toMatch(inWords(chartMsg('fr', 'charts.report.methodText')));
    const n = pages(file);
    // The attendance the animators recorded (issue #15) takes a third page.
    expect(n).toBe(3);
    expect(t).toContain(`Page 1 sur ${n}`);
    expect(t).toContain(`Page ${n} sur ${n}`);
    expect(t).toContain('Établi le 1 décembre 2026');
  });

  it('renders its first page as an image', () => {
    execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-png', file, path.join(dir, 'page')]);
    expect(readdirSync(dir).some((f) => /^page-1\.png$/.test(f))).toBe(true);
  });

  it('gives the same bytes for the same month and generation date', async () => {
    const again = await monthlyReportPdf(report, options);
    expect(again.equals(pdf)).toBe(true);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/CreationDate:.*2026/);
  });

  it('says "Pas encore de données" for a month without sessions', async () => {
    const empty: MonthlyReport = {
      ...report,
      sessions: 0,
      hoursConnected: 0,
      deviceDays: 0,
      ticketsIssued: {},
      ticketsUsed: {},
      charterAcceptances: {},
      charterAcceptancesByWay: { portal: 0, ticket: 0 },
      blockedByCategory: {},
      heat: Array.from({ length: 7 }, () => Array<number>(24).fill(0)),
    };
    const t = text(save(await monthlyReportPdf(empty, options), 'empty.pdf'));
    expect(t.split(chartMsg('fr', 'charts.empty')).length - 1).toBe(2);
    expect(t).toContain(chartMsg('fr', 'charts.report.noBlocked'));
  });

  it('falls back on the standard PDF fonts when DejaVu is not installed', async () => {
    const t = text(
      save(await monthlyReportPdf(report, { ...options, fontDir: path.join(dir, 'none') }), 'std.pdf'),
    );
    expect(t).toContain('novembre 2026');
    expect(t).toMatch(/Sessions\s+1 234/);
    expect(t).toMatch(/Heures de connexion\s+812,5 h/);
  });

  it('is also written in English on request', async () => {
    const t = text(save(await monthlyReportPdf(report, { ...options, lang: 'en' }), 'en.pdf'));
    expect(t).toContain('Monthly attendance report');
    expect(t).toContain('November 2026');
    expect(t).toMatch(/Sessions\s+1,234/);
  });
});

describe('monthlyReportPdf for screen readers (tagged PDF)', () => {
  let tagged: ReturnType<typeof readTaggedPdf>;
  beforeAll(async () => {
    tagged = readTaggedPdf(await monthlyReportPdf(report, options));
  });
  const of = (type: string) => tagged.nodes.filter((n) => n.type === type);

  it('is tagged, in French, and shows its title in the window', () => {
    expect(tagged.tagged).toBe(true);
    expect(tagged.lang).toBe('fr-FR');
    expect(tagged.displayDocTitle).toBe(true);
    expect(tagged.nodes[0]!.type).toBe('Document');
  });

  it('has one H1 title and an H2 heading per section, in order', () => {
    expect(of('H1').map((n) => n.text)).toEqual(['Bilan mensuel de fréquentation']);
    expect(of('H2').map((n) => n.text)).toEqual([
      'Chiffres clés',
      'Tickets par profil',
      'Chartes acceptées par langue',
      'Sessions par jour de la semaine',
      'Heures les plus fréquentées',
      'Requêtes bloquées par catégorie',
      'Fréquentation de l’espace (hors Wi-Fi)',
      'Ateliers par thème',
      'Accompagnements par thème',
      'Appels à l’aide depuis le portail',
      'Méthode',
    ]);
    expect(of('P').map((n) => n.text)).toEqual(
      expect.arrayContaining(['Espace numérique de l’Épeule — novembre 2026']),
    );
  });

  it('gives the key figures as a table with column and row headers', () => {
    const tables = tagged.nodes.flatMap((n, i) => (n.type === 'Table' ? [i] : []));
    // Key figures, profiles, languages, blocked; attendance, two by theme, calls for help.
    expect(tables).toHaveLength(8);
    const rows = childrenOf(tagged.nodes, tables[0]!);
    // Header, six figures, and the charter acceptances by way (portal, printed ticket).
    expect(rows.map((r) => r.type)).toEqual(Array<string>(9).fill('TR'));
    const rowIndexes = tagged.nodes.flatMap((n, i) => (n.type === 'TR' && i > tables[0]! ? [i] : []));
    const cells = (i: number) =>
      childrenOf(tagged.nodes, i).map((c) => ({
        type: c.type,
        text: plainSpaces(c.text),
        scope: c.attributes.join(' '),
      }));
    expect(cells(rowIndexes[0]!)).toEqual([
      { type: 'TH', text: 'Chiffre', scope: '/Scope /Column' },
      { type: 'TH', text: 'Valeur', scope: '/Scope /Column' },
    ]);
    expect(cells(rowIndexes[2]!)).toEqual([
      { type: 'TH', text: 'Sessions', scope: '/Scope /Row' },
      { type: 'TD', text: '1 234', scope: '' },
    ]);
  });

  it('tells each chart in words in the alternative text of its figure', () => {
    expect(of('Figure')).toHaveLength(2);
    const [bars, heatMap] = tagged.figureAlts.map(plainSpaces);
    const days = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
    const perDay = sessionsByWeekday(report).map((n, d) => `${days[d]} ${n}`);
    expect(bars).toBe(
      plainSpaces(
        chartMsg('fr', 'charts.bar.tip', {
          label: chartMsg('fr', 'charts.report.sessionsByWeekday'),
          value: perDay.join(', '),
        }),
      ),
    );
    // Monday: (0 + h) % 5 sessions from 9 h to 18 h; hours without sessions are left out.
    const monday = plainSpaces(
      chartMsg('fr', 'charts.bar.tip', {
        label: chartMsg('fr', 'charts.report.busiestHours'),
        value: 'lundi : 9 h 4, 11 h 1, 12 h 2, 13 h 3, 14 h 4,',
      }),
    );
    expect(heatMap!.slice(0, monday.length)).toBe(monday);
    expect(heatMap).toContain('; samedi : 9 h 4, 11 h 1');
    expect(heatMap).not.toContain('dimanche');
  });

  it('reads in the printed order and leaves the page footers and rules out', () => {
    const text = plainSpaces(textUnder(tagged.nodes, 0));
    const order = [
      'Bilan mensuel de fréquentation',
      'Chiffres clés',
      'Sessions1 234',
      'Sessions par jour de la semaine',
      'Heures les plus fréquentées',
      'phishing1 200',
      'Total1 645',
      'Méthode',
      'sont additionnées.',
    ].map((s) => text.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).not.toContain('Page 1 sur 2');
    expect(text).not.toContain('Établi le');
  });

  it('paints nothing outside the structure or an artifact', async () => {
    expect(unmarkedPainting(await monthlyReportPdf(report, options))).toEqual([]);
    const quiet = { ...report, blockedByCategory: {}, heat: report.heat.map((r) => r.map(() => 0)) };
    expect(unmarkedPainting(await monthlyReportPdf(quiet, options))).toEqual([]);
  });

  it('has no figure for an empty month, only the message', async () => {
    const empty = readTaggedPdf(
      await monthlyReportPdf(
        { ...report, heat: Array.from({ length: 7 }, () => Array<number>(24).fill(0)) },
        options,
      ),
    );
    expect(empty.figureAlts).toEqual([]);
    expect(
      empty.nodes.filter((n) => n.type === 'P' && n.text === chartMsg('fr', 'charts.empty')),
    ).toHaveLength(2);
  });

  it('writes the alternative texts in the report’s language', async () => {
    const en = readTaggedPdf(await monthlyReportPdf(report, { ...options, lang: 'en' }));
    expect(en.lang).toMatch(/^en/);
    expect(en.figureAlts[0]).toMatch(/^Sessions by day of the week: Monday \d+, Tuesday \d+,/);
    expect(en.figureAlts[1]).toMatch(/^Busiest hours: Monday: 9:00 4, 11:00 1,/);
  });
});

describe('report helpers', () => {
  it('names months in French and adds up sessions by weekday', () => {
    expect(monthTitle('2026-11', 'fr')).toBe('novembre 2026');
    expect(monthTitle('2027-02', 'fr')).toBe('février 2027');
    expect(sessionsByWeekday(report)).toEqual(heat.map((h) => h.reduce((a, b) => a + b, 0)));
  });
});
