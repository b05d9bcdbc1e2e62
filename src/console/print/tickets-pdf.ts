// The PDF of a batch of tickets (pdfkit, built-in Helvetica and Courier, vector QR codes):
// A4 sheets with dashed cut lines, or one page per ticket on 58/80 mm receipt rolls. The PDF
// is tagged: each ticket is a section whose paragraphs follow the printed order, each QR code a
// figure named by what it does; cut lines are artifacts.

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
import { artifact, documentRoot, tag, type StructElement } from './pdf-tags';
import type { PrintTranslate } from './print-translate';
import { QUIET_ZONE, qrSymbol } from './qr';
import { isPrintLayout, type PrintLayout, type TicketCard } from './ticket-card';
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
  if (!isPrintLayout(layout)) throw new RangeError(`unknown print layout ${String(layout)}`);
  if (cards.length === 0) throw new RangeError('ticketsPdf needs at least one ticket');
  const g = GEOMETRY[layout];
  const spaceName = cards[0]!.spaceName;
  const doc = new PDFDocument({
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

// --- The text above the QR codes, as rows of one or two columns --------------------------

/** AFM ascenders of the built-in fonts, to put a Courier value on the Helvetica baseline. */
const ASCENDER: Readonly<Record<string, number>> = {
  [FONT]: 718,
  [FONT_BOLD]: 718,
  [FONT_ITALIC]: 718,
  [FONT_MONO]: 629,
};

type TextBlock =
  | {
      kind: 'text';
      text: string;
      font: string;
      size: number;
      align: 'left' | 'center';
      /** Scaled down with the other secondary text when the ticket is crowded. */
      shrinks: boolean;
      maxLines: number;
    }
  | { kind: 'fact'; label: string; value: string; valueFont: string; size: number; shrinks: boolean };

interface Row {
  blocks: TextBlock[];
  gapAfter: number;
}

const COLUMN_GAP = 4;

function textBlock(
  text: string,
  font: string,
  size: number,
  more: Partial<Pick<Extract<TextBlock, { kind: 'text' }>, 'align' | 'shrinks' | 'maxLines'>> = {},
): TextBlock {
  return {
    kind: 'text',
    text: pdfSafeText(text),
    font,
    size,
    align: 'left',
    shrinks: true,
    maxLines: 99,
    ...more,
  };
}

function factBlock(f: TicketFact, size: number, t: PrintTranslate): TextBlock {
  // The language's template says where the label's colon goes; a suffix after the value is kept.
  const [label = '', suffix = ''] = t('print.labelValue', { label: f.label, value: '\u0000' }).split(
    '\u0000',
  );
  return {
    kind: 'fact',
    label: pdfSafeText(label),
    value: pdfSafeText(f.value + suffix),
    valueFont: f.mono ? FONT_MONO : FONT_BOLD,
    size,
    shrinks: true,
  };
}

function topRows(
  g: LayoutGeometry,
  c: TicketContent,
  t: PrintTranslate,
  width: number,
  doc: Doc,
  withCharter: boolean,
): Row[] {
  const f = g.fonts;
  const rows: Row[] = [];
  const single = (block: TextBlock, gapAfter = 1): Row => ({ blocks: [block], gapAfter });
  const fixed = { align: 'center', shrinks: false } as const;
  // A long space name takes two lines at most on a sheet, leaving room for what residents need.
  const nameLines = g.kind === 'sheet' ? 2 : 99;
  rows.push(single(textBlock(c.spaceName, FONT_BOLD, f.space, { ...fixed, maxLines: nameLines }), 2));
  if (g.kind === 'receipt') rows.push(single(textBlock(c.codeLabel, FONT, f.body, fixed), 0));
  // The code never wraps: smaller type rather than a group on a second line.
  doc.font(FONT_MONO).fontSize(f.code);
  const codeSize = Math.min(f.code, (f.code * width) / doc.widthOfString(c.code));
  rows.push(single(textBlock(c.code, FONT_MONO, codeSize, { ...fixed, maxLines: 1 }), 3));
  if (g.pairFacts) {
    // Wide tickets: the Wi-Fi name beside its password, the duration beside the profile.
    for (const names of [
      ['wifi', 'wifiPassword'],
      ['duration', 'profile'],
    ]) {
      const blocks = c.facts
        .filter((fact) => names.includes(fact.name))
        .map((fact) => factBlock(fact, f.body, t));
      if (blocks.length > 0) rows.push({ blocks, gapAfter: 1 });
    }
  } else {
    for (const fact of c.facts) {
      if (fact.name !== 'profile') rows.push(single(factBlock(fact, f.body, t)));
    }
  }
  if (c.validity) rows.push(single(textBlock(c.validity, FONT, f.body)));
  // The profile's name mostly repeats the duration: on a narrow crowded ticket (now that the
  // charter line takes its room) it is cut before the last day of use.
  if (!g.pairFacts) {
    for (const fact of c.facts) if (fact.name === 'profile') rows.push(single(factBlock(fact, f.body, t)));
  }
  // A receipt grows to hold every line, so the charter line is one of them, before the note.
  if (withCharter && c.openingHours) {
    rows.push(single(textBlock(c.openingHours, FONT, f.note, { shrinks: false })));
  }
  if (withCharter && c.charter) rows.push(single(textBlock(c.charter, FONT, f.note, { shrinks: false })));
  // The note comes last: on a crowded ticket it is the part that gets cut.
  if (c.note) rows.push(single(textBlock(c.note, FONT_ITALIC, f.note)));
  return rows;
}

function sizeOf(b: TextBlock, scale: number): number {
  return b.shrinks ? b.size * scale : b.size;
}

function lineHeight(doc: Doc, font: string, size: number): number {
  return doc.font(font).fontSize(size).currentLineHeight(true);
}

/** A fact fits on one line ("Durée : 2 heures"), or its value wraps under its label. */
function factShape(doc: Doc, b: Extract<TextBlock, { kind: 'fact' }>, width: number, scale: number) {
  const size = sizeOf(b, scale);
  const labelWidth = doc.font(FONT).fontSize(size).widthOfString(b.label);
  const labelHeight = lineHeight(doc, FONT, size);
  const valueWidth = doc.font(b.valueFont).fontSize(size).widthOfString(b.value);
  const valueLine = lineHeight(doc, b.valueFont, size);
  const inline = labelWidth + valueWidth <= width;
  const height = inline
    ? Math.max(labelHeight, valueLine)
    : labelHeight + doc.font(b.valueFont).fontSize(size).heightOfString(b.value, { width, lineGap: 0 });
  return { size, inline, labelWidth, labelHeight, height };
}

function blockHeight(doc: Doc, b: TextBlock, width: number, scale: number): number {
  if (b.kind === 'fact') return factShape(doc, b, width, scale).height;
  const size = sizeOf(b, scale);
  const full = doc.font(b.font).fontSize(size).heightOfString(b.text, { width, lineGap: 0 });
  return Math.min(full, b.maxLines * lineHeight(doc, b.font, size));
}

function rowWidths(row: Row, width: number): number[] {
  const n = row.blocks.length;
  return row.blocks.map(() => (width - (n - 1) * COLUMN_GAP) / n);
}

function rowHeight(doc: Doc, row: Row, width: number, scale: number): number {
  const widths = rowWidths(row, width);
  return Math.max(...row.blocks.map((b, i) => blockHeight(doc, b, widths[i]!, scale)));
}

function rowsHeight(doc: Doc, rows: Row[], width: number, scale: number): number {
  return rows.reduce((h, row) => h + rowHeight(doc, row, width, scale) + row.gapAfter, 0);
}

function fitScale(doc: Doc, rows: Row[], width: number, available: number): number {
  for (let scale = 1; scale > MIN_SCALE; scale -= 0.05) {
    if (rowsHeight(doc, rows, width, scale) <= available) return scale;
  }
  return MIN_SCALE;
}

/** One paragraph of the ticket: a text, or a label and its value read together. */
function drawBlock(
  doc: Doc,
  parent: StructElement,
  b: TextBlock,
  x: number,
  y: number,
  width: number,
  room: number,
  scale: number,
): void {
  doc.fillColor('#000000');
  if (b.kind === 'text') {
    const size = sizeOf(b, scale);
    const height = Math.min(room, b.maxLines * lineHeight(doc, b.font, size));
    if (height < lineHeight(doc, b.font, size)) return;
    tag(doc, parent, 'P', {}, () =>
      doc
        .font(b.font)
        .fontSize(size)
        .text(b.text, x, y, { width, height, align: b.align, ellipsis: true, lineGap: 0 }),
    );
    return;
  }
  const shape = factShape(doc, b, width, scale);
  if (room < shape.labelHeight) return;
  tag(doc, parent, 'P', {}, () => {
    doc.font(FONT).fontSize(shape.size).text(b.label, x, y, { lineBreak: false });
    if (shape.inline) {
      const baseline = ((ASCENDER[FONT]! - ASCENDER[b.valueFont]!) / 1000) * shape.size;
      doc.font(b.valueFont).text(b.value, x + shape.labelWidth, y + baseline, { lineBreak: false });
    } else if (room - shape.labelHeight >= lineHeight(doc, b.valueFont, shape.size)) {
      doc.font(b.valueFont).text(b.value, x, y + shape.labelHeight, {
        width,
        height: room - shape.labelHeight,
        ellipsis: true,
        lineGap: 0,
      });
    }
  });
}

function drawRows(
  doc: Doc,
  parent: StructElement,
  rows: Row[],
  x: number,
  top: number,
  width: number,
  bottom: number,
  scale: number,
) {
  let y = top;
  for (const row of rows) {
    const widths = rowWidths(row, width);
    let bx = x;
    row.blocks.forEach((b, i) => {
      drawBlock(doc, parent, b, bx, y, widths[i]!, bottom - y, scale);
      bx += widths[i]! + COLUMN_GAP;
    });
    y += rowHeight(doc, row, width, scale) + row.gapAfter;
  }
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

/** Smallest type of the charter line, still legible on thermal paper. */
const MIN_CHARTER_SIZE = 4.5;
/** Down to this size the charter line is kept on one line, leaving room for the other lines. */
const ONE_LINE_CHARTER_SIZE = 5;

/** The charter line in the note's type, or smaller to keep it on one line; two lines at most. */
function charterBlock(doc: Doc, g: LayoutGeometry, text: string, width: number) {
  const safe = pdfSafeText(text);
  const height = (s: number) => doc.font(FONT).fontSize(s).heightOfString(safe, { width, lineGap: 0 });
  const lines = (s: number) => Math.round(height(s) / lineHeight(doc, FONT, s));
  let size = g.fonts.note;
  while (size > ONE_LINE_CHARTER_SIZE && lines(size) > 1) size -= 0.25;
  if (lines(size) > 1) {
    size = g.fonts.note;
    while (size > MIN_CHARTER_SIZE && lines(size) > 2) size -= 0.25;
  }
  const block = textBlock(safe, FONT, size, { shrinks: false }) as Extract<TextBlock, { kind: 'text' }>;
  return { block, height: height(size) };
}

/** The QR codes, each a figure followed by its caption, then the address to type. */
function drawBottom(
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
