// Locals of the HTML print page (views/console/print.ejs): the tickets' texts and their QR
// codes as SVG path data, which the view writes out escaped. No script, no inline style.

import type { PrintTranslate } from './print-translate';
import { qrPath } from './qr';
import { isPrintLayout, type PrintLayout, type TicketCard } from './ticket-card';
import { ticketContent, type TicketQr } from './ticket-content';

export interface PrintPageOptions {
  /** Where the toolbar's back link goes (the console's ticket list). */
  backHref?: string;
  /** The same tickets as a PDF, linked from the toolbar when given. */
  pdfHref?: string;
}

export interface QrView {
  /** viewBox side, quiet zone included, in modules. */
  side: number;
  d: string;
  name: string;
  caption: string;
}

export interface TicketView {
  number: string;
  spaceName: string;
  codeLabel: string;
  code: string;
  facts: { name: string; label: string; value: string; mono: boolean }[];
  validity: string | null;
  note: string | null;
  charter: string | null;
  openingHours: string | null;
  linkLabel: string;
  link: string;
  portalQr: QrView;
  wifiQr: QrView | null;
}

function qrView(qr: TicketQr): QrView {
  return { ...qrPath(qr.payload), name: qr.name, caption: qr.caption };
}

export async function printPageLocals(
  cards: readonly TicketCard[],
  layout: PrintLayout,
  t: PrintTranslate,
  opts: PrintPageOptions = {},
): Promise<Record<string, unknown>> {
  if (!isPrintLayout(layout)) throw new RangeError(`unknown print layout ${String(layout)}`);
  const spaceName = cards[0]?.spaceName ?? '';
  // "Durée :" in French, "Duration:" in English: the label keeps the language's punctuation.
  const withColon = (label: string) => t('print.labelValue', { label, value: '' }).trimEnd();
  const tickets: TicketView[] = cards.map((card, i) => {
    const c = ticketContent(card, t);
    return {
      number: t('print.ticketNumber', { n: i + 1 }),
      spaceName: c.spaceName,
      codeLabel: withColon(c.codeLabel),
      code: c.code,
      facts: c.facts.map((f) => ({ name: f.name, label: withColon(f.label), value: f.value, mono: f.mono })),
      validity: c.validity,
      note: c.note,
      charter: c.charter,
      openingHours: c.openingHours,
      linkLabel: c.linkLabel,
      link: c.link,
      portalQr: qrView(c.portalQr),
      wifiQr: c.wifiQr ? qrView(c.wifiQr) : null,
    };
  });
  return {
    lang: t('print.htmlLang'),
    title: spaceName ? t('print.title', { space: spaceName }) : t('print.heading'),
    heading: t('print.heading'),
    summary: t('print.summary', { count: cards.length, layout: t(`print.layout.${layout}`) }),
    howTo: t('print.howTo'),
    backHref: opts.backHref ?? '/tickets',
    backLabel: t('print.back'),
    pdfHref: opts.pdfHref ?? null,
    pdfLabel: t('print.downloadPdf'),
    cutHere: t('print.cutHere'),
    layout,
    tickets,
  };
}
