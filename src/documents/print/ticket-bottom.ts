// The bottom of a ticket: the QR codes, each a tagged figure with its caption, and the address
// to type, kept on one line or split near its middle.

import { tag, type StructElement } from '../pdf/pdf-tags';
import { pdfSafeText } from './pdf-safe-text';
import { bottomBlock, LINE_HEIGHT, qrBoxes, type LayoutGeometry, type Rect } from './print-geometry';
import { QUIET_ZONE, qrSymbol } from './qr';
import type { PrintLayout } from './ticket-card';
import type { TicketContent } from './ticket-content';
import { FONT, FONT_BOLD } from './ticket-text-rows';

type Doc = PDFKit.PDFDocument;

/** The QR codes, each a figure followed by its caption, then the address to type. */
export function drawBottom(
  doc: Doc,
  section: StructElement,
  layout: PrintLayout,
  g: LayoutGeometry,
  cell: Rect,
  c: TicketContent,
): void {
  const bottom = cell.y + cell.height;
  const block = bottomBlock(layout);
  const boxes = qrBoxes(layout, cell);
  const inner = cell.width - 2 * g.padding;
  const x = cell.x + g.padding;
  const qrs = [
    { qr: c.portalQr, box: boxes.portal, column: 0 },
    ...(c.wifiQr ? [{ qr: c.wifiQr, box: boxes.wifi, column: 1 }] : []),
  ];
  for (const { qr, box, column } of qrs) {
    // The name is metadata (UTF-16), so it keeps the exact SSID that the printed text may not.
    const bbox: [number, number, number, number] = [box.x, box.y, box.x + box.width, box.y + box.height];
    tag(doc, section, 'Figure', { alt: qr.name, bbox, placement: 'Block' }, () =>
      drawQr(doc, qr.payload, box),
    );
    const cx = x + column * boxes.columnWidth + 1;
    const width = boxes.columnWidth - 2;
    const caption = pdfSafeText(qr.caption);
    let size = g.fonts.caption;
    let lines = wrapOnSpaces(doc.font(FONT).fontSize(size), caption, width);
    while (size > 4 && lines.length > g.captionLines) {
      size -= 0.25;
      lines = wrapOnSpaces(doc.fontSize(size), caption, width);
    }
    doc.fillColor('#000000');
    const shown = lines.slice(0, g.captionLines);
    tag(doc, section, 'P', {}, () =>
      shown.forEach((line, i) => {
        const y = bottom - block.captionTop + i * size * LINE_HEIGHT;
        doc.text(line, cx, y, { width, align: 'center', lineBreak: false });
        if (i < shown.length - 1) spaceAfterCentred(doc, line, cx, y, width);
      }),
    );
  }
  tag(doc, section, 'P', {}, () => drawLink(doc, g, c, x, bottom - block.linkTop, inner));
}

/** Smallest type for the address; below it, the address takes both lines without its label. */
const MIN_LINK_SIZE = 5;

/**
 * "Or type this address:" then the address on one line, in smaller type if needed. A very long
 * address is split in two after a "/" or "." near its middle and the label is left out.
 */
function drawLink(
  doc: Doc,
  g: LayoutGeometry,
  c: TicketContent,
  x: number,
  top: number,
  width: number,
): void {
  const line = g.fonts.link * LINE_HEIGHT;
  const link = pdfSafeText(c.link);
  const fit = (text: string) =>
    Math.min(
      g.fonts.link,
      (g.fonts.link * width) / doc.font(FONT_BOLD).fontSize(g.fonts.link).widthOfString(text),
    );
  const one = { width, align: 'center', lineBreak: false } as const;
  doc.fillColor('#000000');
  if (fit(link) >= MIN_LINK_SIZE) {
    const label = pdfSafeText(c.linkLabel);
    doc.font(FONT).fontSize(g.fonts.link).text(label, x, top, one);
    spaceAfterCentred(doc, label, x, top, width);
    doc
      .font(FONT_BOLD)
      .fontSize(fit(link))
      .text(link, x, top + line, one);
    return;
  }
  const middle = link.length / 2;
  const cuts = [...link.matchAll(/[/.]/g)].map((m) => (m.index ?? 0) + 1);
  const cut = cuts.reduce(
    (best, i) => (Math.abs(i - middle) < Math.abs(best - middle) ? i : best),
    Math.ceil(middle),
  );
  const parts = [link.slice(0, cut), link.slice(cut)];
  const size = Math.max(3, Math.min(...parts.map(fit)));
  parts.forEach((part, i) =>
    doc
      .font(FONT_BOLD)
      .fontSize(size)
      .text(part, x, top + i * line, one),
  );
}

/**
 * An invisible space where a centred line ends, in its font: the lines of a paragraph are drawn
 * one by one, and without it a screen reader or a copy reads "la page" as "lapage".
 */
function spaceAfterCentred(doc: Doc, line: string, x: number, y: number, width: number): void {
  doc.text(' ', x + (width + doc.widthOfString(line)) / 2, y, { lineBreak: false });
}

/**
 * Greedy wrap at spaces only: pdfkit would also break after the hyphen of "Wi-Fi". A word
 * wider than the line stays whole on its own line; the caller shrinks the type until it fits.
 */
function wrapOnSpaces(doc: Doc, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && doc.widthOfString(candidate) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  // A word that is itself too wide counts as an overflow, so that the type shrinks.
  return lines.some((l) => doc.widthOfString(l) > width) ? [...lines, ''] : lines;
}

/** Dark modules as filled rectangles, one path, on a white box that holds the quiet zone. */
export function drawQr(doc: Doc, payload: string, box: Rect): void {
  const { size, runs } = qrSymbol(payload);
  const m = box.width / (size + 2 * QUIET_ZONE);
  doc.save();
  doc.rect(box.x, box.y, box.width, box.height).fill('#ffffff');
  for (const r of runs)
    doc.rect(box.x + (r.col + QUIET_ZONE) * m, box.y + (r.row + QUIET_ZONE) * m, r.length * m, m);
  doc.fill('#000000');
  doc.restore();
}
