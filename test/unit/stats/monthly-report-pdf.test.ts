// The printable monthly report: the committee reads the space, the month in French, the key
// figures, the blocked categories and the method; the PDF renders, and the same month gives
// the same bytes.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MonthlyReport } from '../../../src/stats/monthly-report';
import { monthTitle, monthlyReportPdf, sessionsByWeekday } from '../../../src/stats/monthly-report-pdf';

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
  blockedByCategory: { adult: 410, gambling: 35, phishing: 1200 },
  heat,
};

const options = {
  spaceName: 'Espace numérique de l’Épeule',
  month: '2026-11',
  generatedAt: Date.UTC(2026, 11, 1, 9, 30),
  lang: 'fr' as const,
  profileLabels: { '1h': '1 heure', '1d': '1 journée' },
};

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
    expect(t).toContain('Bilan mensuel de fréquentation');
    expect(t).toContain('Espace numérique de l’Épeule — novembre 2026');
    expect(t).toMatch(/Appareils distincts \(somme par jour\)\s+987/);
    expect(t).toMatch(/Sessions\s+1 234/);
    expect(t).toMatch(/Heures de connexion\s+812,5 h/);
    expect(t).toMatch(/Tickets émis\s+160/);
    expect(t).toMatch(/Tickets utilisés\s+134/);
    expect(t).toMatch(/Chartes acceptées\s+332/);
    expect(t).toMatch(/1 heure\s+120\s+101/);
    expect(t).toMatch(/facile à lire \(FALC\)\s+12/);
  });

  it('has the charts, the blocked categories, the method and numbered pages', () => {
    const t = text(file);
    expect(t).toContain('Sessions par jour de la semaine');
    expect(t).toContain('Heures les plus fréquentées');
    expect(t).toMatch(/phishing\s+1 200[\s\S]*adult\s+410[\s\S]*Total\s+1 645/);
    expect(t).toMatch(/empreinte[\s\S]*un appareil qui revient un\s+autre jour compte donc à nouveau/);
    expect(t).toMatch(/Aucune donnée\s+de navigation/);
    const n = pages(file);
    expect(n).toBe(2);
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
      blockedByCategory: {},
      heat: Array.from({ length: 7 }, () => Array<number>(24).fill(0)),
    };
    const t = text(save(await monthlyReportPdf(empty, options), 'empty.pdf'));
    expect(t.match(/Pas encore de données/g)).toHaveLength(2);
    expect(t).toContain('Aucune requête bloquée ce mois-ci.');
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

describe('report helpers', () => {
  it('names months in French and adds up sessions by weekday', () => {
    expect(monthTitle('2026-11', 'fr')).toBe('novembre 2026');
    expect(monthTitle('2027-02', 'fr')).toBe('février 2027');
    expect(sessionsByWeekday(report)).toEqual(heat.map((h) => h.reduce((a, b) => a + b, 0)));
  });
});
