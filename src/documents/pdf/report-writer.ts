// Draws a report on A4 with pdfkit, top to bottom, tagging each block as it goes: headings,
// paragraphs, tables, charts as figures told in words; rules and page footers are artifacts.
// The charts are drawn from the same geometry as the console's SVG charts.

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BarModel, HeatModel } from '../charts/model';
import { AXIS_COLOUR, EMPTY_CELL_OUTLINE, GRID_COLOUR, TEXT_COLOUR } from '../charts/colours';
import { artifact, tag, type StructElement, type TagOptions } from './pdf-tags';

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 50;
/** Width of the text between the margins. */
export const CONTENT = A4.width - 2 * MARGIN;
const FOOTER_HEIGHT = 28;
const BOTTOM = A4.height - MARGIN - FOOTER_HEIGHT;
export const MUTED = '#4b5563';

type Doc = PDFKit.PDFDocument;

export interface Fonts {
  regular: string;
  bold: string;
  /** The standard PDF fonts only know Windows-1252: map what they cannot show. */
  unicode: boolean;
}

export function fontsIn(dir: string): Fonts {
  const regular = path.join(dir, 'DejaVuSans.ttf');
  const bold = path.join(dir, 'DejaVuSans-Bold.ttf');
  if (existsSync(regular) && existsSync(bold)) return { regular, bold, unicode: true };
  return { regular: 'Helvetica', bold: 'Helvetica-Bold', unicode: false };
}

/**
 * Draws the report top to bottom, starting a new page when a block would not fit, and tags
 * each block under the document's root as it goes. Pages only start between blocks, never
 * while a tagged block is being drawn.
 */
export class Writer {
  constructor(
    private readonly doc: Doc,
    private readonly fonts: Fonts,
    private readonly root: StructElement,
  ) {
    doc.registerFont('body', fonts.regular);
    doc.registerFont('bold', fonts.bold);
    doc.font('body').fillColor(TEXT_COLOUR);
  }

  private s(text: string): string {
    if (this.fonts.unicode) return text;
    return text
      .replace(/[\u202f\u2009]/g, '\u00a0')
      .replace(/≤/g, '<=')
      .replace(/[’]/g, "'");
  }

  private style(size: number, bold = false, colour = TEXT_COLOUR): Doc {
    return this.doc
      .font(bold ? 'bold' : 'body')
      .fontSize(size)
      .fillColor(colour);
  }

  gap(h: number): void {
    this.doc.y += h;
  }

  /** Starts a new page unless `h` points still fit on this one. */
  need(h: number): void {
    if (this.doc.y + h > BOTTOM) {
      this.doc.addPage();
      this.doc.y = MARGIN;
    }
  }

  private tag(type: string, draw: () => void, options: TagOptions = {}): void {
    tag(this.doc, this.root, type, options, draw);
  }

  text(text: string, o: { size: number; bold?: boolean; colour?: string }, type = 'P'): void {
    this.tag(type, () =>
      this.style(o.size, o.bold, o.colour).text(this.s(text), MARGIN, this.doc.y, { width: CONTENT }),
    );
  }

  heading(text: string, keepWith = 40): void {
    this.need(keepWith + 24);
    this.gap(10);
    this.text(text, { size: 13, bold: true }, 'H2');
    this.gap(4);
  }

  paragraph(text: string, o: { size: number; colour?: string }): void {
    const style = this.style(o.size, false, o.colour);
    this.need(style.heightOfString(this.s(text), { width: CONTENT }));
    this.tag('P', () => style.text(this.s(text), MARGIN, this.doc.y, { width: CONTENT, lineGap: 1.5 }));
    this.doc.fillColor(TEXT_COLOUR);
  }

  /**
   * A plain table: header row in bold, one line under each row, numbers right-aligned. Tagged
   * as a table whose first row heads the columns and whose first column heads the rows.
   */
  table(header: string[], rows: string[][], widths: number[]): void {
    const rowHeight = 17;
    const table = tag(this.doc, this.root, 'Table');
    const line = (cells: string[], bold: boolean) => {
      this.need(rowHeight);
      const y = this.doc.y;
      const tr = tag(this.doc, table, 'TR');
      let x = MARGIN;
      cells.forEach((c, i) => {
        const cell = bold || i === 0 ? 'TH' : 'TD';
        const scope = bold ? 'Column' : i === 0 ? 'Row' : undefined;
        tag(this.doc, tr, cell, scope ? { scope } : {}, () =>
          this.style(10, bold).text(this.s(c), x + 4, y + 4, {
            width: widths[i]! - 8,
            align: i === 0 ? 'left' : 'right',
            lineBreak: false,
            ellipsis: true,
          }),
        );
        x += widths[i]!;
      });
      artifact(this.doc, () =>
        this.doc
          .moveTo(MARGIN, y + rowHeight)
          .lineTo(MARGIN + CONTENT, y + rowHeight)
          .lineWidth(bold ? 1 : 0.5)
          .strokeColor(bold ? AXIS_COLOUR : GRID_COLOUR)
          .stroke(),
      );
      this.doc.x = MARGIN;
      this.doc.y = y + rowHeight;
    };
    line(header, true);
    rows.forEach((r) => line(r, false));
    this.gap(4);
  }

  private emptyPanel(height: number, message: string): void {
    const y = this.doc.y;
    artifact(this.doc, () => {
      this.doc
        .rect(MARGIN, y, CONTENT, height)
        .dash(4, { space: 4 })
        .lineWidth(0.75)
        .strokeColor(AXIS_COLOUR)
        .stroke();
      this.doc.undash();
    });
    this.tag('P', () =>
      this.style(12).text(this.s(message), MARGIN, y + height / 2 - 7, { width: CONTENT, align: 'center' }),
    );
    this.doc.y = y + height;
  }

  /** A chart as one figure: what it shows is told by `alt`; its marks are not read one by one. */
  private figure(height: number, alt: string, draw: (x0: number, y0: number) => void): void {
    const x0 = MARGIN;
    const y0 = this.doc.y;
    const bbox: [number, number, number, number] = [x0, y0, x0 + CONTENT, y0 + height];
    this.tag('Figure', () => draw(x0, y0), { alt, bbox, placement: 'Block' });
    this.doc.x = MARGIN;
    this.doc.y = y0 + height;
  }

  bars(m: BarModel, unit: string, emptyMessage: string, alt: string): void {
    const height = m.frame.height;
    this.need(height);
    if (m.empty) return this.emptyPanel(height / 2, emptyMessage);
    this.figure(height, alt, (x0, y0) => this.drawBars(m, unit, x0, y0));
  }

  private drawBars(m: BarModel, unit: string, x0: number, y0: number): void {
    const { plot } = m;
    this.style(8, false, MUTED).text(this.s(unit), x0, y0 + 2, { lineBreak: false });
    for (const tick of m.ticks) {
      this.doc
        .moveTo(x0 + plot.x, y0 + tick.y)
        .lineTo(x0 + plot.x + plot.width, y0 + tick.y)
        .lineWidth(tick.value === 0 ? 1 : 0.5)
        .strokeColor(tick.value === 0 ? AXIS_COLOUR : GRID_COLOUR)
        .stroke();
      this.style(8).text(this.s(tick.text), x0, y0 + tick.y - 4, {
        width: plot.x - 6,
        align: 'right',
        lineBreak: false,
      });
    }
    for (const b of m.bars) {
      if (b.value === 0) continue;
      this.doc.rect(x0 + b.x, y0 + b.y, b.width, b.height).fill(b.colour);
      if (m.valueLabels) {
        this.style(8).text(this.s(b.short), x0 + b.x - 10, y0 + b.y - 11, {
          width: b.width + 20,
          align: 'center',
          lineBreak: false,
        });
      }
    }
    const band = plot.width / Math.max(1, m.xLabels.length);
    for (const l of m.xLabels) {
      this.style(9).text(this.s(l.text), x0 + l.x - band / 2, y0 + plot.y + plot.height + 6, {
        width: band,
        align: 'center',
        lineBreak: false,
      });
    }
  }

  heat(m: HeatModel, legendTitle: string, emptyMessage: string, alt: string): void {
    const height = m.frame.height;
    this.need(height);
    if (m.empty) return this.emptyPanel(height / 2, emptyMessage);
    this.figure(height, alt, (x0, y0) => this.drawHeat(m, legendTitle, x0, y0));
  }

  private drawHeat(m: HeatModel, legendTitle: string, x0: number, y0: number): void {
    const labelWidth = m.cellWidth * 3;
    for (const c of m.colLabels) {
      this.style(7).text(this.s(c.text), x0 + c.x - labelWidth / 2, y0 + 6, {
        width: labelWidth,
        align: 'center',
        lineBreak: false,
      });
    }
    for (const r of m.rowLabels) {
      this.style(8).text(this.s(r.text), x0, y0 + r.y - 4, {
        width: m.frame.left - 6,
        align: 'right',
        lineBreak: false,
      });
    }
    for (const c of m.cells) {
      const rect = this.doc.rect(x0 + c.x + 1, y0 + c.y + 1, c.width - 2, c.height - 2);
      if (c.colour) rect.fill(c.colour);
      else rect.lineWidth(0.5).strokeColor(EMPTY_CELL_OUTLINE).stroke();
    }
    const ly = y0 + m.frame.height - m.frame.bottom + 10;
    this.style(8).text(this.s(legendTitle), x0 + m.frame.left, ly, { lineBreak: false });
    let x = x0 + m.frame.left;
    for (const item of m.legend) {
      const rect = this.doc.rect(x, ly + 14, 10, 10);
      if (item.colour) rect.fill(item.colour);
      else rect.lineWidth(0.5).strokeColor(EMPTY_CELL_OUTLINE).stroke();
      const label = this.s(item.text);
      const width = this.style(8).widthOfString(label);
      this.style(8).text(label, x + 14, ly + 15, { lineBreak: false });
      x += 14 + width + 14;
    }
  }

  /**
   * Footer text sits in the bottom margin: lift the margin so pdfkit does not add a page. The
   * footer repeats on every page, so it is an artifact, out of the reading order.
   */
  footer(left: string, right: string): void {
    artifact(this.doc, () => this.drawFooter(left, right), 'Pagination');
  }

  private drawFooter(left: string, right: string): void {
    const doc = this.doc;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = A4.height - MARGIN - 10;
    doc
      .moveTo(MARGIN, y - 6)
      .lineTo(MARGIN + CONTENT, y - 6)
      .lineWidth(0.5)
      .strokeColor(GRID_COLOUR)
      .stroke();
    this.style(8, false, MUTED).text(this.s(left), MARGIN, y, {
      width: CONTENT - 90,
      lineBreak: false,
      ellipsis: true,
    });
    this.style(8, false, MUTED).text(this.s(right), MARGIN + CONTENT - 90, y, {
      width: 90,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}
