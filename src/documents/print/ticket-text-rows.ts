// The text above a ticket's QR codes, as rows of one or two columns: what goes on the ticket in
// which order, how small the secondary lines may get to fit, and how each row is drawn and tagged.

import { tag, type StructElement } from '../pdf/pdf-tags';
import { pdfSafeText } from './pdf-safe-text';
import type { LayoutGeometry } from './print-geometry';
import type { PrintTranslate } from './print-translate';
import type { TicketContent, TicketFact } from './ticket-content';

type Doc = PDFKit.PDFDocument;

export const FONT = 'Helvetica';
export const FONT_BOLD = 'Helvetica-Bold';
const FONT_ITALIC = 'Helvetica-Oblique';
const FONT_MONO = 'Courier-Bold';
/** Text above the QR codes is scaled down to this factor at most before the note is cut. */
const MIN_SCALE = 0.7;

/** AFM ascenders of the built-in fonts, to put a Courier value on the Helvetica baseline. */
const ASCENDER: Readonly<Record<string, number>> = {
  [FONT]: 718,
  [FONT_BOLD]: 718,
  [FONT_ITALIC]: 718,
  [FONT_MONO]: 629,
};

export type TextBlock =
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

export interface Row {
  blocks: TextBlock[];
  gapAfter: number;
}

const COLUMN_GAP = 4;

export function textBlock(
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

export function topRows(
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

export function lineHeight(doc: Doc, font: string, size: number): number {
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

export function rowsHeight(doc: Doc, rows: Row[], width: number, scale: number): number {
  return rows.reduce((h, row) => h + rowHeight(doc, row, width, scale) + row.gapAfter, 0);
}

export function fitScale(doc: Doc, rows: Row[], width: number, available: number): number {
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

export function drawRows(
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

/** Smallest type of the charter line, still legible on thermal paper. */
const MIN_CHARTER_SIZE = 4.5;
/** Down to this size the charter line is kept on one line, leaving room for the other lines. */
const ONE_LINE_CHARTER_SIZE = 5;

/** The charter line in the note's type, or smaller to keep it on one line; two lines at most. */
export function charterBlock(doc: Doc, g: LayoutGeometry, text: string, width: number) {
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
