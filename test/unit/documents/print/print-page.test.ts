import path from 'node:path';
import ejs from 'ejs';
import { printPageLocals } from '../../../../src/documents/print/print-page';
import { printTranslator } from '../../../../src/documents/print/print-translate';
import { qrSvg } from '../../../../src/documents/print/qr';
import { formatCode } from '../../../../src/domain/ticket-code';
import type { PrintLayout, TicketCard } from '../../../../src/documents/print/ticket-card';
import { sampleCards } from './sample-cards';
import { printMsg } from '../../../helpers/messages';
import { escapeHtml } from '../../../helpers/http';

const VIEW = path.resolve(__dirname, '../../../../views/console/print.ejs');

async function render(cards: TicketCard[], layout: PrintLayout = 'a4-12', lang: 'fr' | 'en' = 'fr') {
  const locals = await printPageLocals(cards, layout, printTranslator(lang), {
    backHref: '/console/tickets?batch=4',
  });
  return ejs.renderFile(VIEW, locals);
}

describe('print page', () => {
  it('is a complete French document with the layout on its body and the style sheet linked', async () => {
    const cards = sampleCards(3);
    const html = await render(cards, 'receipt-58');
    expect(html).toMatch(/^<!doctype html>\s*<html lang="fr">/);
    expect(html).toContain(
      `<title>${escapeHtml(printMsg('fr', 'print.title', { space: cards[0]!.spaceName }))}</title>`,
    );
    expect(html).toContain('<body class="print-page layout-receipt-58">');
    expect(html).toContain('<link rel="stylesheet" href="/static/console-print.css">');
    expect(html).toContain('<main>');
    expect(html).toContain('href="/console/tickets?batch=4"');
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son\w+=/i);
  });

  it('shows each code grouped by four as text, with its facts and the link to type', async () => {
    const cards = sampleCards(3);
    const html = await render(cards);
    for (const card of cards) {
      expect(html).toContain(`<strong class="code-value">${formatCode(card.code)}</strong>`);
      expect(html).toContain(`<span class="url">${card.link}</span>`);
    }
    expect(html).toContain('<dt>Durée :</dt> <dd>2 heures</dd>');
    expect(html).toContain('<dt>Réseau Wi-Fi :</dt> <dd>ECN Épeule</dd>');
    expect(html).toContain('<dd class="mono">bienvenue-2026</dd>');
    expect(html).toContain('<p class="note">atelier CV mardi</p>');
    expect(html).toContain(cards[0]!.validity!);
  });

  it('says on every ticket that using it accepts the charter, with the printed version', async () => {
    const html = await render(sampleCards(3));
    const line = '<p class="charter">Utiliser ce ticket vaut acceptation de la charte (version 2026-11).</p>';
    expect(html.split(line)).toHaveLength(4);
    const english = await render(sampleCards(1), 'receipt-80', 'en');
    expect(english).toContain(
      '<p class="charter">Using this ticket means accepting the charter (version 2026-11).</p>',
    );
    // A batch made before tickets carried the charter prints no such line (and accepts nothing).
    expect(await render(sampleCards(2, { charterVersion: null }))).not.toContain('class="charter"');
  });

  it('names every QR code image, one for the portal and one for a WPA network', async () => {
    const cards = sampleCards(3);
    const html = await render(cards);
    const svgs = html.match(/<svg [^>]*>/g) ?? [];
    expect(svgs).toHaveLength(6);
    for (const svg of svgs) {
      expect(svg).toContain('role="img"');
      expect(svg).toMatch(/aria-label="QR code [^"]+"/);
    }
    expect(html).toContain(
      `aria-label="${escapeHtml(printMsg('fr', 'print.qrConnectName', { code: formatCode(cards[0]!.code) }))}"`,
    );
    expect(html).toContain(printMsg('fr', 'print.scanToJoinWifi'));
  });

  it('has no Wi-Fi QR code for an open network', async () => {
    const html = await render(
      sampleCards(2, { wifi: { ssid: 'ECN libre', security: 'none', password: null } }),
    );
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).not.toContain(printMsg('fr', 'print.scanToJoinWifi'));
    expect(html).not.toContain('Mot de passe');
  });

  it('keeps headings in order: the page title, then one per ticket', async () => {
    const html = await render(sampleCards(3));
    const levels = [...html.matchAll(/<h(\d)/g)].map((m) => Number(m[1]));
    expect(levels).toEqual([1, 2, 2, 2]);
  });

  it('escapes a hostile note, network name, password and space name', async () => {
    const evil = '<script>alert(1)</script>';
    const cards = sampleCards(1, {
      note: evil,
      spaceName: `"><img src=x onerror=alert(1)>`,
      wifi: { ssid: evil, security: 'WPA', password: `"'<b>` },
    });
    const html = await render(cards);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(`aria-label="${escapeHtml(printMsg('fr', 'print.qrWifiName', { ssid: evil }))}"`);
  });

  it('speaks English when asked', async () => {
    const html = await render(sampleCards(1), 'a4-8', 'en');
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('<dt>Duration:</dt>');
    expect(html).toContain('Scan to open the login page');
  });
});

describe('qrSvg', () => {
  it('is a path-based image with an escaped accessible name and title', () => {
    const svg = qrSvg('http://portail.ecn-roubaix.fr/t/7K3MQ9XPA2BC', { label: 'Code "A" & <B>' });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="Code &quot;A&quot; &amp; &lt;B&gt;"/);
    expect(svg).toContain('<title>Code &quot;A&quot; &amp; &lt;B&gt;</title>');
    expect(svg).toMatch(/<path fill="#000" d="(M\d+ \d+h\d+v1h-\d+z)+"\/>/);
    expect(svg).not.toContain('<image');
  });
});

describe('print page toolbar', () => {
  it('links the PDF of the same tickets when the console gives its address', async () => {
    const locals = await printPageLocals(sampleCards(1), 'receipt-80', printTranslator('fr'), {
      pdfHref: '/console/batches/4/tickets.pdf?layout=receipt-80&x="y"',
    });
    const html = await ejs.renderFile(VIEW, locals);
    expect(html).toContain(
      `<a href="/console/batches/4/tickets.pdf?layout=receipt-80&amp;x=&#34;y&#34;">${escapeHtml(printMsg('fr', 'print.downloadPdf'))}</a>`,
    );
    const without = await ejs.renderFile(
      VIEW,
      await printPageLocals(sampleCards(1), 'a4-8', printTranslator('fr')),
    );
    expect(without).not.toContain('Télécharger le PDF');
    expect(without).toContain('<a href="/tickets">Retour aux tickets</a>');
  });
});
