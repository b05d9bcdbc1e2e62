import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { printTranslator } from '../../../../src/documents/print/print-translate';
import { ticketsPdf, pdfSafeText } from '../../../../src/documents/print/tickets-pdf';
import { MM } from '../../../../src/documents/print/print-geometry';
import { PRINT_LAYOUTS, type PrintLayout } from '../../../../src/documents/print/ticket-card';
import { wifiQrPayload } from '../../../../src/documents/print/wifi-qr';
import { decodeFirstTicketQr, decodeQrFromPdf, firstTicketQrBoxes, pdfInfo } from '../../../helpers/qr';
import {
  childrenOf,
  plainSpaces,
  readTaggedPdf,
  textUnder,
  unmarkedPainting,
} from '../../../helpers/tagged-pdf';
import { sampleCards } from './sample-cards';
import { printMsg } from '../../../helpers/messages';

const t = printTranslator('fr');
const now = new Date('2026-11-28T09:00:00Z');

/** Tickets with every line long: the charter line must still be printed whole. */
const crowded = sampleCards(3, {
  spaceName: 'Maison de quartier et espace public numérique du Pile, rue de Lannoy à Roubaix (Nord)',
  wifi: {
    ssid: 'ECN-PILE-ROUBAIX-WIFI-PUBLIC-123',
    security: 'WPA',
    password: 'UnMotDePasseVraimentTresLong2026!',
  },
  duration: '1 semaine (7 jours, renouvelable à l’accueil)',
  validity: 'À utiliser avant le 30/11/2026, puis valable 7 jours après la première connexion',
  note: 'Atelier « rédiger son CV et sa lettre de motivation » du mardi matin, groupe de Mme Dupont. '.repeat(
    3,
  ),
});

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-print-text-'));
  try {
    const file = path.join(dir, 't.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('ticketsPdf', () => {
  jest.setTimeout(30_000);

  it('prints 12 tickets on one A4 page whose first QR codes open the portal and join the Wi-Fi', async () => {
    const cards = sampleCards(12);
    const pdf = await ticketsPdf(cards, 'a4-12', t, { now });
    const info = await pdfInfo(pdf);
    expect(info.pages).toBe(1);
    expect(info.pageWidth).toBeCloseTo(595.28, 0);
    expect(info.pageHeight).toBeCloseTo(841.89, 0);

    const boxes = firstTicketQrBoxes('a4-12', info.pageHeight);
    expect(boxes.portal.width).toBeGreaterThanOrEqual(22 * MM);
    const [portal] = await decodeQrFromPdf(pdf, 1, boxes.portal);
    expect(portal).toBe(cards[0]!.link);
    const [wifi] = await decodeQrFromPdf(pdf, 1, boxes.wifi);
    expect(wifi).toBe(wifiQrPayload(cards[0]!.wifi!));
    expect(await decodeFirstTicketQr(pdf, 'a4-12')).toBe(cards[0]!.link);
  });

  it('reads the first ticket back on every layout', async () => {
    const cards = sampleCards(3);
    for (const layout of PRINT_LAYOUTS) {
      const pdf = await ticketsPdf(cards, layout, t, { now });
      expect(await decodeFirstTicketQr(pdf, layout)).toBe(cards[0]!.link);
    }
  });

  it('finds every QR code of a page without being told where they are', async () => {
    const cards = sampleCards(12);
    const found = await decodeQrFromPdf(await ticketsPdf(cards, 'a4-12', t, { now }), 1);
    expect(found.sort()).toEqual([...cards.map((c) => c.link), wifiQrPayload(cards[0]!.wifi!)].sort());

    const open = sampleCards(9, { wifi: { ssid: 'ECN', security: 'none', password: null } });
    const secondPage = await decodeQrFromPdf(await ticketsPdf(open, 'a4-8', t, { now }), 2);
    expect(secondPage).toEqual([open[8]!.link]);
  });

  it('starts a new page when a sheet is full', async () => {
    expect((await pdfInfo(await ticketsPdf(sampleCards(13), 'a4-12', t, { now }))).pages).toBe(2);
    expect((await pdfInfo(await ticketsPdf(sampleCards(8), 'a4-8', t, { now }))).pages).toBe(1);
    expect((await pdfInfo(await ticketsPdf(sampleCards(9), 'a4-8', t, { now }))).pages).toBe(2);
  });

  it('prints receipts one page per ticket, exactly as wide as the roll', async () => {
    const small = await pdfInfo(await ticketsPdf(sampleCards(3), 'receipt-58', t, { now }));
    expect(small.pages).toBe(3);
    expect(Math.abs(small.pageWidth - 164.4)).toBeLessThanOrEqual(0.5);
    const large = await pdfInfo(await ticketsPdf(sampleCards(2), 'receipt-80', t, { now }));
    expect(large.pages).toBe(2);
    expect(Math.abs(large.pageWidth - 226.8)).toBeLessThanOrEqual(0.5);
  });

  it('writes the French texts with their accents, the grouped code, the link and the metadata', async () => {
    const cards = sampleCards(1);
    const pdf = await ticketsPdf(cards, 'receipt-80', t, { now });
    const text = pdfText(pdf);
    const grouped = `${cards[0]!.code.slice(0, 4)}-${cards[0]!.code.slice(4, 8)}-${cards[0]!.code.slice(8)}`;
    expect(text).toContain(grouped);
    expect(text).toContain(cards[0]!.spaceName);
    expect(text).toContain('Durée : 2 heures');
    expect(text).toContain(cards[0]!.validity!);
    expect(text).toContain('Réseau Wi-Fi : ECN Épeule');
    expect(text).toContain('bienvenue-2026');
    expect(text).toContain('atelier CV mardi');
    expect(text).toContain(cards[0]!.link);
    expect(text).toContain('Couper ici');
    const info = await pdfInfo(pdf);
    expect(info.title).toBe(printMsg('fr', 'print.title', { space: cards[0]!.spaceName }));
    expect(info.author).toBe(cards[0]!.spaceName);
    expect(pdf.toString('latin1')).toContain('/Lang (fr-FR)');
  });

  it('leaves out the Wi-Fi QR code and password of an open network', async () => {
    const cards = sampleCards(1, { wifi: { ssid: 'ECN libre', security: 'none', password: null } });
    const pdf = await ticketsPdf(cards, 'a4-12', t, { now });
    const info = await pdfInfo(pdf);
    expect(await decodeQrFromPdf(pdf, 1, firstTicketQrBoxes('a4-12', info.pageHeight).wifi)).toEqual([]);
    const text = pdfText(pdf);
    expect(text).toContain('Réseau Wi-Fi : ECN libre');
    expect(text).not.toContain('Mot de passe');
    expect(text).not.toContain(printMsg('fr', 'print.scanToJoinWifi'));
  });

  it('is byte-identical for the same tickets and date', async () => {
    const cards = sampleCards(4);
    const a = await ticketsPdf(cards, 'a4-8', t, { now });
    const b = await ticketsPdf(cards, 'a4-8', t, { now });
    expect(a.equals(b)).toBe(true);
  });

  it('prints "?" for characters the PDF fonts cannot draw, and keeps them in the QR code', async () => {
    expect(pdfSafeText('Café ☕ “ok” – €')).toBe('Café ? “ok” – €');
    const ssid = 'ECN ☕ <script>';
    const cards = sampleCards(1, { wifi: { ssid, security: 'WPA', password: 'p;w' } });
    const pdf = await ticketsPdf(cards, 'receipt-58', t, { now });
    const info = await pdfInfo(pdf);
    const [wifi] = await decodeQrFromPdf(pdf, 1, firstTicketQrBoxes('receipt-58', info.pageHeight).wifi);
    expect(wifi).toBe('WIFI:T:WPA;S:ECN ☕ <script>;P:p\\;w;;');
  });

  it('needs at least one ticket and a known layout', async () => {
    await expect(ticketsPdf([], 'a4-8', t)).rejects.toThrow(RangeError);
    await expect(ticketsPdf(sampleCards(1), 'a5' as PrintLayout, t)).rejects.toThrow(RangeError);
  });
});

describe('ticketsPdf for screen readers (tagged PDF)', () => {
  jest.setTimeout(30_000);

  const grouped = (code: string) => `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
  const sections = (tagged: ReturnType<typeof readTaggedPdf>) =>
    childrenOf(tagged.nodes, 0).map((sect) => {
      const at = tagged.nodes.indexOf(sect);
      return {
        type: sect.type,
        children: childrenOf(tagged.nodes, at).map((c) => `${c.type} ${plainSpaces(c.text)}`.trim()),
        text: plainSpaces(textUnder(tagged.nodes, at)),
      };
    });

  it('makes each ticket of a sheet a section read in the printed order, QR codes as named figures', async () => {
    const cards = sampleCards(12);
    const tagged = readTaggedPdf(await ticketsPdf(cards, 'a4-12', t, { now }));
    expect(tagged.tagged).toBe(true);
    expect(tagged.lang).toBe('fr-FR');
    expect(tagged.displayDocTitle).toBe(true);
    expect(tagged.nodes[0]!.type).toBe('Document');

    const tickets = sections(tagged);
    expect(tickets).toHaveLength(12);
    expect(tickets.every((s) => s.type === 'Sect')).toBe(true);
    expect(tickets[0]!.children).toEqual([
      'P Espace numérique de l’Épeule',
      `P ${grouped(cards[0]!.code)}`,
      'P Réseau Wi-Fi : ECN Épeule',
      'P Mot de passe Wi-Fi : bienvenue-2026',
      'P Durée : 2 heures',
      'P À utiliser avant le 30/11/2026',
      // The profile's name and the note do not fit on a twelfth of A4 beside the charter line:
      // not printed, not read either. The charter line is never cut.
      'P Utiliser ce ticket vaut acceptation de la charte (version 2026-11).',
      'Figure',
      'P Scannez pour ouvrir la page de connexion',
      'Figure',
      'P Scannez pour rejoindre le Wi-Fi',
      `P Ou tapez cette adresse : ${cards[0]!.link}`,
    ]);
    // Tickets are read one after the other, in the order they were given.
    tickets.forEach((s, i) => expect(s.text).toContain(grouped(cards[i]!.code)));

    expect(tagged.figureAlts).toHaveLength(24);
    expect(tagged.figureAlts.slice(0, 2)).toEqual([
      `QR code de la page de connexion avec le code ${grouped(cards[0]!.code)}`,
      'QR code pour rejoindre le réseau Wi-Fi ECN Épeule',
    ]);
  });

  it.each(PRINT_LAYOUTS)(
    'prints and reads the charter line with its version on every ticket of %s, even a crowded one',
    async (layout) => {
      const line = 'Utiliser ce ticket vaut acceptation de la charte (version 2026-11).';
      for (const cards of [sampleCards(12), crowded]) {
        const pdf = await ticketsPdf(cards, layout, t, { now });
        const tickets = sections(readTaggedPdf(pdf));
        expect(tickets).toHaveLength(cards.length);
        for (const s of tickets) expect(s.children).toContain(`P ${line}`);
        expect(pdfText(pdf).replace(/\s+/g, ' ')).toContain('(version 2026-11)');
      }
    },
  );

  it('keeps cut lines and "Couper ici" out of the structure of receipts', async () => {
    const cards = sampleCards(2);
    const pdf = await ticketsPdf(cards, 'receipt-58', t, { now });
    expect(pdfText(pdf)).toContain('Couper ici');
    const tagged = readTaggedPdf(pdf);
    const tickets = sections(tagged);
    expect(tickets.map((s) => s.type)).toEqual(['Sect', 'Sect']);
    expect(tickets[0]!.children.slice(0, 3)).toEqual([
      'P Espace numérique de l’Épeule',
      'P Code',
      `P ${grouped(cards[0]!.code)}`,
    ]);
    expect(textUnder(tagged.nodes, 0)).not.toContain('Couper');
  });

  it('names the Wi-Fi QR code with the exact network name, and has no such figure on an open network', async () => {
    const exotic = sampleCards(1, { wifi: { ssid: 'ECN ☕ <script>', security: 'WPA', password: 'p;w' } });
    const alts = readTaggedPdf(await ticketsPdf(exotic, 'a4-8', t, { now })).figureAlts;
    expect(alts[1]).toBe(printMsg('fr', 'print.qrWifiName', { ssid: 'ECN ☕ <script>' }));

    const open = sampleCards(2, { wifi: { ssid: 'ECN libre', security: 'none', password: null } });
    const tagged = readTaggedPdf(await ticketsPdf(open, 'a4-8', t, { now }));
    expect(tagged.figureAlts).toEqual(
      open.map((c) => `QR code de la page de connexion avec le code ${grouped(c.code)}`),
    );
  });

  it('paints nothing outside the tickets or an artifact (the cut lines)', async () => {
    for (const layout of PRINT_LAYOUTS) {
      expect(unmarkedPainting(await ticketsPdf(sampleCards(9), layout, t, { now }))).toEqual([]);
    }
  });

  it('speaks English on an English sheet', async () => {
    const cards = sampleCards(1);
    const tagged = readTaggedPdf(await ticketsPdf(cards, 'a4-8', printTranslator('en'), { now }));
    expect(tagged.lang).toBe('en-GB');
    expect(tagged.figureAlts[0]).toBe(`QR code of the login page with the code ${grouped(cards[0]!.code)}`);
  });
});

describe('ticketsPdf with long texts', () => {
  jest.setTimeout(30_000);

  const long = sampleCards(3, {
    spaceName: 'Maison de quartier et espace public numérique du Pile, rue de Lannoy à Roubaix (Nord)',
    wifi: {
      ssid: 'ECN-PILE-ROUBAIX-WIFI-PUBLIC-123',
      security: 'WPA',
      password: 'UnMotDePasseVraimentTresLongPourLeWifi2026!',
    },
    duration: '1 semaine (7 jours, renouvelable à l’accueil)',
    validity: 'À utiliser avant le 30/11/2026, puis valable 7 jours après la première connexion',
    note: 'Atelier « rédiger son CV et sa lettre de motivation » du mardi matin, groupe de Mme Dupont, salle 2. '.repeat(
      3,
    ),
    link: 'https://portail-captif.espace-numerique-du-pile.roubaix.example.fr/t/7K3MQ9XPA2BC',
  });

  it.each(['a4-8', 'a4-12', 'receipt-58', 'receipt-80'] as const)(
    'keeps the text off the QR codes on %s',
    async (layout) => {
      const pdf = await ticketsPdf(long, layout, t, { now });
      expect(await decodeFirstTicketQr(pdf, layout)).toBe(long[0]!.link);
      const info = await pdfInfo(pdf);
      const [wifi] = await decodeQrFromPdf(pdf, 1, firstTicketQrBoxes(layout, info.pageHeight).wifi);
      expect(wifi).toBe(wifiQrPayload(long[0]!.wifi!));
      if (layout.startsWith('a4')) expect(info.pages).toBe(1);
    },
  );
});
