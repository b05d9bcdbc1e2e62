// The PDF of a batch of tickets (pdfkit, built-in Helvetica and Courier, vector QR codes):
// A4 sheets with dashed cut lines, or one page per ticket on 58/80 mm receipt rolls. The PDF
// is tagged: each ticket is a section whose paragraphs follow the printed order, each QR code a
// figure named by what it does; cut lines are artifacts.

import { newPdfDocument } from '../pdf/pdfkit';
import { artifact, documentRoot, tag, type StructElement } from '../pdf/pdf-tags';
import { pdfSafeText } from './pdf-safe-text';
import {
  bottomBlock,
  GEOMETRY,
  qrBoxes,
  ticketCell,
  ticketsPerPage,
  type LayoutGeometry,
  type Rect,
} from './print-geometry';
import type { PrintTranslate } from './print-translate';
import { drawBottom } from './ticket-bottom';
import { isPrintLayout, type PrintLayout, type TicketCard } from './ticket-card';
import { ticketContent, type TicketContent } from './ticket-content';
import { charterBlock, drawRows, fitScale, FONT, rowsHeight, topRows } from './ticket-text-rows';

type Doc = PDFKit.PDFDocument;

export interface TicketsPdfOptions {
  /** Creation date written in the PDF; fix it for byte-identical output. Defaults to now. */
  now?: Date;
}

const CUT_COLOR = '#6b6b6b';

/** Kept here too: callers and tests name the PDF's text rule with the PDF. */
export { pdfSafeText } from './pdf-safe-text';

export async function ticketsPdf(
  cards: readonly TicketCard[],
  layout: PrintLayout,
  t: PrintTranslate,
  opts: TicketsPdfOptions = {},
): Promise<Buffer> {
  if (!isPrintLayout(layout)) throw new RangeError(`unknown print layout ${String(layout)}`);
  if (cards.length === 0) throw new RangeError('ticketsPdf needs at least one ticket');
  const g = GEOMETRY[layout];
  const spaceName = cards[0]!.spaceName;
  const doc = newPdfDocument({
    autoFirstPage: false,
    margin: 0,
    tagged: true,
    lang: t('print.lang'),
    displayTitle: true,
    // Metadata strings are Unicode (UTF-16 in the PDF): no WinAnsi limit there.
    info: {
      Title: t('print.title', { space: spaceName }),
      Author: spaceName,
      Creator: 'ECN gateway',
      CreationDate: opts.now ?? new Date(),
    },
  });
  const done = collect(doc);
  const root = documentRoot(doc);
  const contents = cards.map((card) => ticketContent(card, t));
  if (g.kind === 'receipt') {
    contents.forEach((content) => drawReceipt(doc, root, layout, g, content, t));
  } else {
    const perPage = ticketsPerPage(layout);
    for (let first = 0; first < contents.length; first += perPage) {
      doc.addPage({ size: [g.pageWidth, g.pageHeight!], margin: 0 });
      const onPage = contents.slice(first, first + perPage);
      onPage.forEach((content, i) =>
        drawTicket(doc, tag(doc, root, 'Sect'), layout, g, ticketCell(layout, first + i).cell, content, t),
      );
      drawCutGrid(doc, layout, first, onPage.length);
    }
  }
  doc.end();
  return done;
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

// --- One ticket --------------------------------------------------------------------------

function drawTicket(
  doc: Doc,
  section: StructElement,
  layout: PrintLayout,
  g: LayoutGeometry,
  cell: Rect,
  c: TicketContent,
  t: PrintTranslate,
): void {
  const inner = cell.width - 2 * g.padding;
  const x = cell.x + g.padding;
  const rows = topRows(g, c, t, inner, doc, false);
  const boxes = qrBoxes(layout, cell);
  const top = cell.y + g.padding;
  // The charter line is what the resident accepts by using the ticket (issue #15, item 7), the
  // opening hours when it can be used (item 1): neither is ever cut. Their room just above the QR
  // codes is kept first; the other lines fit in the rest.
  const kept = [c.openingHours, c.charter]
    .filter((s): s is string => s !== null)
    .map((s) => charterBlock(doc, g, s, inner));
  const textBottom = boxes.portal.y - 2 - kept.reduce((h, k) => h + k.height + 1, 0);
  const scale = fitScale(doc, rows, inner, textBottom - top);
  drawRows(doc, section, rows, x, top, inner, textBottom, scale);
  let y = textBottom + 1;
  for (const { block: b, height } of kept) {
    tag(doc, section, 'P', {}, () =>
      doc
        .fillColor('#000000')
        .font(FONT)
        .fontSize(b.size)
        .text(b.text, x, y, { width: inner, align: 'left', lineGap: 0 }),
    );
    y += height + 1;
  }
  drawBottom(doc, section, layout, g, cell, c);
}

// --- Cut lines ---------------------------------------------------------------------------

function dashed(doc: Doc, draw: () => void): void {
  doc.save();
  doc.lineWidth(0.6).dash(3, { space: 2.5 }).strokeColor(CUT_COLOR);
  draw();
  doc.stroke();
  doc.undash();
  doc.restore();
}

/**
 * Every edge of the occupied cells, each one drawn once, left to right or top to bottom, so
 * that a border shared by two tickets is one clean dashed line.
 */
function drawCutGrid(doc: Doc, layout: PrintLayout, first: number, count: number): void {
  const g = GEOMETRY[layout];
  artifact(doc, () =>
    dashed(doc, () => {
      for (let i = 0; i < count; i++) {
        const { cell } = ticketCell(layout, first + i);
        const col = i % g.columns;
        const right = cell.x + cell.width;
        const bottom = cell.y + cell.height;
        doc.moveTo(cell.x, cell.y).lineTo(right, cell.y);
        if (col === 0) doc.moveTo(cell.x, cell.y).lineTo(cell.x, bottom);
        doc.moveTo(right, cell.y).lineTo(right, bottom);
        doc.moveTo(cell.x, bottom).lineTo(right, bottom);
      }
    }),
  );
}

// --- Receipts ----------------------------------------------------------------------------

function drawReceipt(
  doc: Doc,
  root: StructElement,
  layout: PrintLayout,
  g: LayoutGeometry,
  c: TicketContent,
  t: PrintTranslate,
): void {
  const inner = g.pageWidth - 2 * g.padding;
  const rows = topRows(g, c, t, inner, doc, true);
  const textHeight = rowsHeight(doc, rows, inner, 1);
  const height = Math.ceil(g.padding + textHeight + 2 + bottomBlock(layout).qrTop);
  doc.addPage({ size: [g.pageWidth, height], margin: 0 });
  const cell: Rect = { x: 0, y: 0, width: g.pageWidth, height };
  const section = tag(doc, root, 'Sect');
  drawRows(doc, section, rows, g.padding, g.padding, inner, height, 1);
  drawBottom(doc, section, layout, g, cell, c);
  // The cut line, across the whole roll, with its label over a white gap in the middle: an
  // instruction about the paper, not part of the ticket.
  const y = height - g.cutStrip / 2;
  const label = pdfSafeText(t('print.cutHere'));
  doc.font(FONT).fontSize(6);
  const labelWidth = doc.widthOfString(label) + 6;
  const mid = g.pageWidth / 2;
  artifact(doc, () => {
    dashed(doc, () => {
      doc.moveTo(0, y).lineTo(mid - labelWidth / 2, y);
      doc.moveTo(mid + labelWidth / 2, y).lineTo(g.pageWidth, y);
    });
    doc
      .fillColor(CUT_COLOR)
      .text(label, mid - labelWidth / 2, y - 3, { width: labelWidth, align: 'center', lineBreak: false });
  });
  doc.fillColor('#000000');
}
