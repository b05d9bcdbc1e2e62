// Issue #15, item 1 on paper: printed tickets say when the space is open, in short
// (« Ouvert lun–ven 9 h–12 h, 14 h–18 h »), on every layout, never cut, like the charter line.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseOpeningHours } from '../../../../src/domain/opening-hours';
import { weekSummary } from '../../../../src/domain/opening-hours-summary';
import { printTranslator } from '../../../../src/documents/print/print-translate';
import { ticketsPdf } from '../../../../src/documents/print/tickets-pdf';
import { PRINT_LAYOUTS } from '../../../../src/documents/print/ticket-card';
import { childrenOf, plainSpaces, readTaggedPdf } from '../../../helpers/tagged-pdf';
import { sampleCards } from './sample-cards';

const TZ = 'Europe/Paris';
const summary = (week: Record<string, string[]>, lang: 'fr' | 'en' = 'fr') =>
  weekSummary(parseOpeningHours({ openingHours: week, closures: [] }, TZ), lang);

describe('the week’s opening hours in short', () => {
  it('groups the weekdays that have the same hours, and leaves closed days out', () => {
    const weekdays = { mon: ['09:00-12:00', '14:00-18:00'] } as Record<string, string[]>;
    for (const d of ['tue', 'wed', 'thu', 'fri']) weekdays[d] = weekdays.mon!;
    expect(summary(weekdays)).toBe('lun–ven 9 h–12 h, 14 h–18 h');
    expect(summary({ ...weekdays, sat: ['09:00-12:00'] })).toBe('lun–ven 9 h–12 h, 14 h–18 h ; sam 9 h–12 h');
    expect(summary({ ...weekdays, sat: ['09:00-12:00'] }, 'en')).toBe(
      'Mon–Fri 9:00–12:00, 14:00–18:00; Sat 9:00–12:00',
    );
  });

  it('writes half hours, two neighbour days as a list, and days apart with the same hours together', () => {
    expect(
      summary({
        mon: ['09:30-12:00'],
        tue: ['09:30-12:00'],
        wed: ['14:00-17:30'],
        thu: ['09:30-12:00'],
        sat: ['10:00-24:00'],
      }),
    ).toBe('lun, mar, jeu 9 h 30–12 h ; mer 14 h–17 h 30 ; sam 10 h–24 h');
  });

  it('says nothing when the space sets no hours (always open)', () => {
    expect(summary({})).toBeNull();
  });
});

/** Each ticket's section of a tagged PDF, with its children as "Type text". */
const sections = (tagged: ReturnType<typeof readTaggedPdf>) =>
  childrenOf(tagged.nodes, 0).map((sect) =>
    childrenOf(tagged.nodes, tagged.nodes.indexOf(sect)).map((c) =>
      `${c.type} ${plainSpaces(c.text)}`.trim(),
    ),
  );

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-print-hours-'));
  try {
    const file = path.join(dir, 't.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('opening hours on printed tickets', () => {
  jest.setTimeout(60_000);
  const t = printTranslator('fr');
  const now = new Date('2026-11-28T09:00:00Z');
  const hours = 'Ouvert lun–ven 9 h–12 h, 14 h–18 h ; sam 9 h 30–12 h 30';
  const charter = 'Utiliser ce ticket vaut acceptation de la charte (version 2026-11).';
  /** Every line long: the hours and the charter must still be printed whole. */
  const crowded = sampleCards(3, {
    openingHours: hours,
    spaceName: 'Maison de quartier et espace public numérique du Pile, rue de Lannoy à Roubaix (Nord)',
    wifi: {
      ssid: 'ECN-PILE-ROUBAIX-WIFI-PUBLIC-123',
      security: 'WPA',
      password: 'UnMotDePasseVraimentTresLong2026!',
    },
    duration: '1 semaine (7 jours, renouvelable à l’accueil)',
    validity: 'À utiliser avant le 30/11/2026, puis valable 7 jours après la première connexion',
    note: 'Atelier « rédiger son CV et sa lettre de motivation » du mardi matin. '.repeat(3),
  });

  it.each(PRINT_LAYOUTS)(
    'prints and reads the hours whole on every ticket of %s, even a crowded one',
    async (layout) => {
      for (const cards of [sampleCards(12, { openingHours: hours }), crowded]) {
        const pdf = await ticketsPdf(cards, layout, t, { now });
        const tickets = sections(readTaggedPdf(pdf));
        expect(tickets).toHaveLength(cards.length);
        for (const s of tickets) {
          expect(s).toContain(`P ${hours}`);
          expect(s).toContain(`P ${charter}`);
        }
        const text = pdfText(pdf).replace(/\s+/g, ' ');
        expect(text.split(hours).length - 1).toBe(cards.length);
      }
    },
  );

  it('prints no hours line for a space that is always open', async () => {
    const pdf = await ticketsPdf(sampleCards(2), 'a4-8', t, { now });
    expect(pdfText(pdf)).not.toContain('Ouvert');
  });
});
