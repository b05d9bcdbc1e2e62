// Reads QR codes back from a PDF the way a phone would see the paper: poppler's pdftoppm
// renders a page to PPM, parsed here into RGBA, and jsQR decodes the codes in it.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { GEOMETRY, qrBoxes, ticketCell, type Rect } from '../../src/console/print/print-geometry';
import type { PrintLayout } from '../../src/console/print/ticket-card';

const run = promisify(execFile);

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface RenderedPage {
  image: RgbaImage;
  /** Pixels per PDF point. */
  scale: number;
}

/** Binary PPM (P6, maxval < 256): header tokens separated by whitespace, `#` comments. */
export function parsePpm(buf: Buffer): RgbaImage {
  let pos = 0;
  const token = (): string => {
    for (;;) {
      while (pos < buf.length && /\s/.test(String.fromCharCode(buf[pos]!))) pos++;
      if (buf[pos] !== 0x23) break;
      while (pos < buf.length && buf[pos] !== 0x0a) pos++;
    }
    const start = pos;
    while (pos < buf.length && !/\s/.test(String.fromCharCode(buf[pos]!))) pos++;
    return buf.toString('latin1', start, pos);
  };
  const magic = token();
  const width = Number(token());
  const height = Number(token());
  const maxval = Number(token());
  if (magic !== 'P6' || !(width > 0) || !(height > 0) || !(maxval > 0 && maxval < 256)) {
    throw new Error(`not a binary 8-bit PPM (${magic} ${width}x${height} max ${maxval})`);
  }
  pos++; // the single whitespace byte after maxval
  if (buf.length - pos < width * height * 3) throw new Error('PPM pixel data is truncated');
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = pos; i < width * height; i++, j += 3) {
    data[i * 4] = (buf[j]! * 255) / maxval;
    data[i * 4 + 1] = (buf[j + 1]! * 255) / maxval;
    data[i * 4 + 2] = (buf[j + 2]! * 255) / maxval;
    data[i * 4 + 3] = 255;
  }
  return { width, height, data };
}

async function withPdfFile<T>(pdf: Buffer, use: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ecn-print-'));
  try {
    const file = path.join(dir, 'tickets.pdf');
    await writeFile(file, pdf);
    return await use(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function renderPdfPage(pdf: Buffer, page = 1, dpi = 150): Promise<RenderedPage> {
  return withPdfFile(pdf, async (file, dir) => {
    const root = path.join(dir, 'page');
    await run('pdftoppm', [
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      root,
    ]);
    return { image: parsePpm(await readFile(`${root}.ppm`)), scale: dpi / 72 };
  });
}

export interface PdfInfo {
  pages: number;
  /** Size of the first page, in points. */
  pageWidth: number;
  pageHeight: number;
  title: string | null;
  author: string | null;
}

export async function pdfInfo(pdf: Buffer): Promise<PdfInfo> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run('pdfinfo', ['-enc', 'UTF-8', file]);
    const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(stdout)?.[1] ?? null;
    const size = /^Page size:\s*([\d.]+) x ([\d.]+) pts/m.exec(stdout);
    return {
      pages: Number(field('Pages')),
      pageWidth: Number(size?.[1]),
      pageHeight: Number(size?.[2]),
      title: field('Title'),
      author: field('Author'),
    };
  });
}

/** Decodes one QR code in a pixel region (clamped to the image), or null. */
export function decodeRegion(img: RgbaImage, region: Rect): string | null {
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(img.width, Math.ceil(region.x + region.width));
  const y1 = Math.min(img.height, Math.ceil(region.y + region.height));
  const w = x1 - x0;
  const h = y1 - y0;
  if (w < 21 || h < 21) return null;
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    const from = ((y0 + y) * img.width + x0) * 4;
    data.set(img.data.subarray(from, from + w * 4), y * w * 4);
  }
  return jsQR(data, w, h, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

function toPixels(r: Rect, scale: number, marginPt = 0): Rect {
  return {
    x: (r.x - marginPt) * scale,
    y: (r.y - marginPt) * scale,
    width: (r.width + 2 * marginPt) * scale,
    height: (r.height + 2 * marginPt) * scale,
  };
}

/** Windows over the whole page, from half the page down to small tiles, half-overlapping. */
function tiles(img: RgbaImage): Rect[] {
  const out: Rect[] = [{ x: 0, y: 0, width: img.width, height: img.height }];
  for (const fraction of [0.5, 0.34, 0.25, 0.2, 0.15]) {
    const side = Math.round(Math.min(img.width, img.height) * fraction);
    const step = Math.max(1, Math.round(side / 2));
    for (let y = 0; y < img.height - step; y += step) {
      for (let x = 0; x < img.width - step; x += step) out.push({ x, y, width: side, height: side });
    }
  }
  return out;
}

/**
 * Every QR code found on a page. jsQR finds one code per image, so without `crop` (PDF
 * points, from the top left) the page is scanned in overlapping windows of several sizes.
 */
export async function decodeQrFromPdf(pdf: Buffer, page = 1, crop?: Rect | Rect[]): Promise<string[]> {
  const { image, scale } = await renderPdfPage(pdf, page);
  const regions = crop ? (Array.isArray(crop) ? crop : [crop]).map((r) => toPixels(r, scale)) : tiles(image);
  const found: string[] = [];
  for (const region of regions) {
    const text = decodeRegion(image, region);
    if (text !== null && !found.includes(text)) found.push(text);
  }
  return found;
}

/** Where the first ticket's QR codes are on page 1, in points; receipts need the page height. */
export function firstTicketQrBoxes(layout: PrintLayout, pageHeight: number): { portal: Rect; wifi: Rect } {
  const receiptHeight = GEOMETRY[layout].kind === 'receipt' ? pageHeight : 0;
  return qrBoxes(layout, ticketCell(layout, 0, receiptHeight).cell);
}

/** The portal link in the first ticket's QR code, read from the rendered first page. */
export async function decodeFirstTicketQr(pdf: Buffer, layout: PrintLayout): Promise<string> {
  const { image, scale } = await renderPdfPage(pdf, 1);
  const { portal } = firstTicketQrBoxes(layout, image.height / scale);
  const text = decodeRegion(image, toPixels(portal, scale, 2));
  if (text === null)
    throw new Error(`no QR code where the first ticket's portal QR code should be (${layout})`);
  return text;
}
