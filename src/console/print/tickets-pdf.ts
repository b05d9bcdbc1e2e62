// The PDF of a batch of tickets (pdfkit, built-in Helvetica and Courier, vector QR codes):
// A4 sheets with dashed cut lines, or one page per ticket on 58/80 mm receipt rolls.

import PDFDocument from 'pdfkit';
import {
  bottomBlock,
  GEOMETRY,
  LINE_HEIGHT,
  qrBoxes,
  ticketCell,
  ticketsPerPage,
  type LayoutGeometry,
  type Rect,
} from './print-geometry';
import type { PrintTranslate } from './print-translate';
import { QUIET_ZONE, qrSymbol } from './qr';
import type { PrintLayout, TicketCard } from './ticket-card';
import { ticketContent, type TicketContent, type TicketFact } from './ticket-content';

type Doc = PDFKit.PDFDocument;

export interface TicketsPdfOptions {
  /** Creation date written in the PDF; fix it for byte-identical output. Defaults to now. */
  now?: Date;
}

const FONT = 'Helvetica';
const FONT_BOLD = 'Helvetica-Bold';
const FONT_ITALIC = 'Helvetica-Oblique';
const FONT_MONO = 'Courier-Bold';
const CUT_COLOR = '#6b6b6b';
/** Text above the QR codes is scaled down to this factor at most before the note is cut. */
const MIN_SCALE = 0.7;

/** Windows-1252 (WinAnsi) characters beyond Latin-1 that the built-in PDF fonts can draw. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * The built-in fonts only know WinAnsi: anything else (an emoji or Arabic letters in an SSID)
 * prints as "?" instead of a wrong glyph. The QR codes still carry the exact text.
 */
export function pdfSafeText(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0x09 || c === 0x0a || c === 0x0d) out += ' ';
    else if ((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (c === 0x202f || c === 0x2007) out += '\u00a0';
    else out += '?';
  }
  return out;
}

export async function ticketsPdf(
  cards: readonly TicketCard[],
  layout: PrintLayout,
  t: PrintTranslate,
  opts: TicketsPdfOptions = {},
): Promise<Buffer> {
  if (cards.length === 0) throw new RangeError('ticketsPdf needs at least one ticket');
  const g = GEOMETRY[layout];
  const spaceName = cards[0]!.spaceName;
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    lang: t('print.lang'),
    displayTitle: true,
    info: {
      Title: pdfSafeText(t('print.title', { space: spaceName })),
      Author: pdfSafeText(spaceName),
      Creator: 'ECN gateway',
      CreationDate: opts.now ?? new Date(),
    },
  });
  const done = collect(doc);
  const contents = cards.map((card) => ticketContent(card, t));
  if (g.kind === 'receipt') {
    contents.forEach((content) => drawReceipt(doc, layout, g, content, t));
  } else {
    const perPage = ticketsPerPage(layout);
    for (let first = 0; first < contents.length; first += perPage) {
      doc.addPage({ size: [g.pageWidth, g.pageHeight!], margin: 0 });
      const onPage = contents.slice(first, first + perPage);
      onPage.forEach((content, i) =>
        drawTicket(doc, layout, g, ticketCell(layout, first + i).cell, content, t),
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

// --- The text above the QR codes, as rows of one or two columns --------------------------

interface Segment {
  text: string;
  font: string;
}

interface TextBlock {
  segments: Segment[];
  size: number;
  align: 'left' | 'center';
  /** Scaled down with the other secondary text when the ticket is crowded. */
  shrinks: boolean;
}

interface Row {
  blocks: TextBlock[];
  gapAfter: number;
}

function factBlock(f: TicketFact, size: number, t: PrintTranslate): TextBlock {
  const [label, value] = t('print.labelValue', { label: f.label, value: '\u0000' }).split('\u0000');
  const segments: Segment[] = [
    { text: label ?? '', font: FONT },
    { text: f.value, font: f.mono ? FONT_MONO : FONT_BOLD },
  ];
  if (value) segments.push({ text: value, font: FONT });
  return { segments, size, align: 'left', shrinks: true };
}

function topRows(g: LayoutGeometry, c: TicketContent, t: PrintTranslate, codeWidth: number, doc: Doc): Row[] {
  const f = g.fonts;
  const rows: Row[] = [];
  const single = (block: TextBlock, gapAfter = 1): Row => ({ blocks: [block], gapAfter });
  rows.push(
    single(
      { segments: [{ text: c.spaceName, font: FONT_BOLD }], size: f.space, align: 'center', shrinks: false },
      2,
    ),
  );
  if (g.kind === 'receipt') {
    rows.push(
      single(
        { segments: [{ text: c.codeLabel, font: FONT }], size: f.body, align: 'center', shrinks: false },
        0,
      ),
    );
  }
  // The code never wraps: smaller type rather than a group on a second line.
  doc.font(FONT_MONO).fontSize(f.code);
  const codeSize = Math.min(f.code, (f.code * codeWidth) / doc.widthOfString(c.code));
  rows.push(
    single(
      { segments: [{ text: c.code, font: FONT_MONO }], size: codeSize, align: 'center', shrinks: false },
      3,
    ),
  );
  if (g.pairFacts) {
    // Wide tickets: the Wi-Fi name beside its password, the duration beside the profile.
    const groups = [
      ['wifi', 'wifiPassword'],
      ['duration', 'profile'],
    ];
    for (const names of groups) {
      const blocks = c.facts
        .filter((fact) => names.includes(fact.name))
        .map((fact) => factBlock(fact, f.body, t));
      if (blocks.length > 0) rows.push({ blocks, gapAfter: 1 });
    }
  } else {
    for (const fact of c.facts) rows.push(single(factBlock(fact, f.body, t)));
  }
  if (c.validity)
    rows.push(
      single({ segments: [{ text: c.validity, font: FONT }], size: f.body, align: 'left', shrinks: true }),
    );
  if (c.note)
    rows.push(
      single({ segments: [{ text: c.note, font: FONT_ITALIC }], size: f.note, align: 'left', shrinks: true }),
    );
  return rows;
}

function blockText(b: TextBlock): string {
  return pdfSafeText(b.segments.map((s) => s.text).join(''));
}

function blockHeight(doc: Doc, b: TextBlock, width: number, scale: number): number {
  // Measured in the widest font of the block, so that mixed fonts never overflow.
  const font = b.segments.some((s) => s.font === FONT_MONO) ? FONT_MONO : b.segments[0]!.font;
  return doc
    .font(font)
    .fontSize(b.shrinks ? b.size * scale : b.size)
    .heightOfString(blockText(b), { width });
}

const COLUMN_GAP = 4;

function rowWidths(row: Row, width: number): number[] {
  const n = row.blocks.length;
  return row.blocks.map(() => (width - (n - 1) * COLUMN_GAP) / n);
}

function rowsHeight(doc: Doc, rows: Row[], width: number, scale: number): number {
  let h = 0;
  for (const row of rows) {
    const widths = rowWidths(row, width);
    h += Math.max(...row.blocks.map((b, i) => blockHeight(doc, b, widths[i]!, scale))) + row.gapAfter;
  }
  return h;
}

function fitScale(doc: Doc, rows: Row[], width: number, available: number): number {
  for (let scale = 1; scale > MIN_SCALE; scale -= 0.05) {
    if (rowsHeight(doc, rows, width, scale) <= available) return scale;
  }
  return MIN_SCALE;
}

function drawRows(
  doc: Doc,
  rows: Row[],
  x: number,
  top: number,
  width: number,
  bottom: number,
  scale: number,
): void {
  let y = top;
  for (const row of rows) {
    const widths = rowWidths(row, width);
    let rowHeight = 0;
    let bx = x;
    row.blocks.forEach((b, i) => {
      const w = widths[i]!;
      const room = bottom - y;
      if (room <= 0) return;
      const size = b.shrinks ? b.size * scale : b.size;
      doc.fillColor('#000000').fontSize(size);
      const last = b.segments.length - 1;
      b.segments.forEach((s, j) => {
        doc.font(s.font);
        const text = pdfSafeText(s.text);
        const options = {
          width: w,
          height: room,
          align: b.align,
          ellipsis: true,
          lineGap: 0,
          continued: j < last,
        };
        if (j === 0) doc.text(text, bx, y, options);
        else doc.text(text, options);
      });
      rowHeight = Math.max(rowHeight, blockHeight(doc, b, w, scale));
      bx += w + COLUMN_GAP;
    });
    y += rowHeight + row.gapAfter;
  }
}

// --- One ticket --------------------------------------------------------------------------

function drawTicket(
  doc: Doc,
  layout: PrintLayout,
  g: LayoutGeometry,
  cell: Rect,
  c: TicketContent,
  t: PrintTranslate,
): void {
  const inner = cell.width - 2 * g.padding;
  const x = cell.x + g.padding;
  const rows = topRows(g, c, t, inner, doc);
  const boxes = qrBoxes(layout, cell);
  const textBottom = boxes.portal.y - 2;
  const top = cell.y + g.padding;
  const scale = fitScale(doc, rows, inner, textBottom - top);
  drawRows(doc, rows, x, top, inner, textBottom, scale);
  drawBottom(doc, layout, g, cell, c);
}

function drawBottom(doc: Doc, layout: PrintLayout, g: LayoutGeometry, cell: Rect, c: TicketContent): void {
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
    drawQr(doc, qr.payload, box);
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
    lines.slice(0, g.captionLines).forEach((line, i) => {
      doc.text(line, cx, bottom - block.captionTop + i * size * LINE_HEIGHT, {
        width,
        align: 'center',
        lineBreak: false,
      });
    });
  }
  const lineHeight = g.fonts.link * LINE_HEIGHT;
  doc
    .font(FONT)
    .fontSize(g.fonts.link)
    .text(pdfSafeText(c.linkLabel), x, bottom - block.linkTop, {
      width: inner,
      height: lineHeight,
      align: 'center',
      ellipsis: true,
      lineGap: 0,
    });
  // The address stays on one line: smaller type rather than a break in the middle of it.
  const link = pdfSafeText(c.link);
  doc.font(FONT_BOLD).fontSize(g.fonts.link);
  const linkSize = Math.max(4, Math.min(g.fonts.link, (g.fonts.link * inner) / doc.widthOfString(link)));
  doc.fontSize(linkSize).text(link, x, bottom - block.linkTop + lineHeight, {
    width: inner,
    height: lineHeight,
    align: 'center',
    ellipsis: true,
    lineGap: 0,
    lineBreak: false,
  });
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
  });
}

// --- Receipts ----------------------------------------------------------------------------

function drawReceipt(
  doc: Doc,
  layout: PrintLayout,
  g: LayoutGeometry,
  c: TicketContent,
  t: PrintTranslate,
): void {
  const inner = g.pageWidth - 2 * g.padding;
  const rows = topRows(g, c, t, inner, doc);
  const textHeight = rowsHeight(doc, rows, inner, 1);
  const height = Math.ceil(g.padding + textHeight + 2 + bottomBlock(layout).qrTop);
  doc.addPage({ size: [g.pageWidth, height], margin: 0 });
  const cell: Rect = { x: 0, y: 0, width: g.pageWidth, height };
  drawRows(doc, rows, g.padding, g.padding, inner, height, 1);
  drawBottom(doc, layout, g, cell, c);
  // The cut line, across the whole roll, with its label over a white gap in the middle.
  const y = height - g.cutStrip / 2;
  const label = pdfSafeText(t('print.cutHere'));
  doc.font(FONT).fontSize(6);
  const labelWidth = doc.widthOfString(label) + 6;
  const mid = g.pageWidth / 2;
  dashed(doc, () => {
    doc.moveTo(0, y).lineTo(mid - labelWidth / 2, y);
    doc.moveTo(mid + labelWidth / 2, y).lineTo(g.pageWidth, y);
  });
  doc
    .fillColor(CUT_COLOR)
    .text(label, mid - labelWidth / 2, y - 3, { width: labelWidth, align: 'center', lineBreak: false });
  doc.fillColor('#000000');
}
