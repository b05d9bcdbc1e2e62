// Paper geometry of each print layout, in PDF points (1/72 in), origin at the top left.
// Pure numbers, so that tests and the console's browser test can find a ticket's QR code
// on a rendered page without parsing the PDF.

import type { PrintLayout } from './ticket-card';

export const MM = 72 / 25.4;

export interface FontSizes {
  space: number;
  body: number;
  code: number;
  note: number;
  caption: number;
  link: number;
}

export interface LayoutGeometry {
  kind: 'sheet' | 'receipt';
  pageWidth: number;
  /** Null for receipts: each ticket is one page as tall as its content. */
  pageHeight: number | null;
  columns: number;
  rows: number;
  /** Sheet margins, kept clear for office printers that cannot print to the edge. */
  marginX: number;
  marginY: number;
  /** Space between a ticket's edge (its cut line) and its content. */
  padding: number;
  /** Side of each QR code box, quiet zone included. */
  qrSide: number;
  /** Lines kept under each QR code for its caption. */
  captionLines: number;
  /** Two short facts side by side on one line (wide tickets). */
  pairFacts: boolean;
  fonts: FontSizes;
  /** Receipts: height under the content for the cut line and its label. */
  cutStrip: number;
}

const A4 = { width: 595.28, height: 841.89 };

export const GEOMETRY: Readonly<Record<PrintLayout, LayoutGeometry>> = {
  'a4-8': {
    kind: 'sheet',
    pageWidth: A4.width,
    pageHeight: A4.height,
    columns: 2,
    rows: 4,
    marginX: 10 * MM,
    marginY: 10 * MM,
    padding: 3 * MM,
    qrSide: 27 * MM,
    captionLines: 1,
    pairFacts: true,
    fonts: { space: 11, body: 8, code: 17, note: 7, caption: 6.5, link: 6.5 },
    cutStrip: 0,
  },
  'a4-12': {
    kind: 'sheet',
    pageWidth: A4.width,
    pageHeight: A4.height,
    columns: 3,
    rows: 4,
    marginX: 10 * MM,
    marginY: 10 * MM,
    padding: 3 * MM,
    qrSide: 25 * MM,
    captionLines: 2,
    pairFacts: false,
    fonts: { space: 10, body: 7.5, code: 15, note: 6.5, caption: 6, link: 6 },
    cutStrip: 0,
  },
  'receipt-58': {
    kind: 'receipt',
    pageWidth: 58 * MM,
    pageHeight: null,
    columns: 1,
    rows: 1,
    marginX: 0,
    marginY: 0,
    padding: 4 * MM,
    qrSide: 24 * MM,
    captionLines: 3,
    pairFacts: false,
    fonts: { space: 11, body: 8, code: 16, note: 7, caption: 6.5, link: 6.5 },
    cutStrip: 9 * MM,
  },
  'receipt-80': {
    kind: 'receipt',
    pageWidth: 80 * MM,
    pageHeight: null,
    columns: 1,
    rows: 1,
    marginX: 0,
    marginY: 0,
    padding: 5 * MM,
    qrSide: 31 * MM,
    captionLines: 2,
    pairFacts: false,
    fonts: { space: 13, body: 9.5, code: 20, note: 8, caption: 7, link: 7 },
    cutStrip: 9 * MM,
  },
};

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function ticketsPerPage(layout: PrintLayout): number {
  const g = GEOMETRY[layout];
  return g.columns * g.rows;
}

/** Gap between the content's bottom parts (link, captions, QR codes). */
export const LINE_HEIGHT = 1.2;
const GAP = 2;

/**
 * Where ticket `index` sits: its page (0-based) and its cell. A receipt's height is its
 * page's height, known once its text is laid out: pass it as `receiptHeight`.
 */
export function ticketCell(
  layout: PrintLayout,
  index: number,
  receiptHeight = 0,
): { page: number; cell: Rect } {
  const g = GEOMETRY[layout];
  if (g.kind === 'receipt' || g.pageHeight === null) {
    return { page: index, cell: { x: 0, y: 0, width: g.pageWidth, height: receiptHeight } };
  }
  const perPage = g.columns * g.rows;
  const slot = index % perPage;
  const width = (g.pageWidth - 2 * g.marginX) / g.columns;
  const height = (g.pageHeight - 2 * g.marginY) / g.rows;
  return {
    page: Math.floor(index / perPage),
    cell: {
      x: g.marginX + (slot % g.columns) * width,
      y: g.marginY + Math.floor(slot / g.columns) * height,
      width,
      height,
    },
  };
}

/** The bottom part of a ticket, measured up from the cell's bottom edge. */
export interface BottomBlock {
  /** Top of the link's two lines (label, then address). */
  linkTop: number;
  /** Top of the captions under the QR codes. */
  captionTop: number;
  /** Top of the QR code boxes; the text above ends over it. */
  qrTop: number;
}

export function bottomBlock(layout: PrintLayout): BottomBlock {
  const g = GEOMETRY[layout];
  const linkTop = g.padding + g.cutStrip + 2 * g.fonts.link * LINE_HEIGHT;
  const captionTop = linkTop + GAP + g.captionLines * g.fonts.caption * LINE_HEIGHT;
  return { linkTop, captionTop, qrTop: captionTop + GAP + g.qrSide };
}

/** The QR code boxes of a cell (quiet zone included): the portal link left, the Wi-Fi right. */
export function qrBoxes(layout: PrintLayout, cell: Rect): { portal: Rect; wifi: Rect; columnWidth: number } {
  const g = GEOMETRY[layout];
  const inner = cell.width - 2 * g.padding;
  const columnWidth = inner / 2;
  const y = cell.y + cell.height - bottomBlock(layout).qrTop;
  const at = (column: number): Rect => ({
    x: cell.x + g.padding + column * columnWidth + (columnWidth - g.qrSide) / 2,
    y,
    width: g.qrSide,
    height: g.qrSide,
  });
  return { portal: at(0), wifi: at(1), columnWidth };
}
