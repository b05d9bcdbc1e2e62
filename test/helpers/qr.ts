// Reads QR codes back from a PDF the way a phone would see the paper: poppler's pdftoppm
// renders a page to PNG, pngjs reads it into RGBA, and jsQR decodes the codes in it.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { GEOMETRY, qrBoxes, ticketCell, type Rect } from '../../src/documents/print/print-geometry';
import type { PrintLayout } from '../../src/documents/print/ticket-card';

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

/**
 * Renders one page to PNG at `dpi`; `keepAs` also copies the PNG there (a test artifact to look
 * at, e.g. the README's picture of a printed sheet).
 */
export async function renderPdfPage(
  pdf: Buffer,
  page = 1,
  dpi = 150,
  keepAs?: string,
): Promise<RenderedPage> {
  return withPdfFile(pdf, async (file, dir) => {
    const root = path.join(dir, 'page');
    await run('pdftoppm', [
      '-png',
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
    const png = await readFile(`${root}.png`);
    if (keepAs) await writeFile(keepAs, png);
    const { width, height, data } = PNG.sync.read(png);
    return { image: { width, height, data: new Uint8ClampedArray(data) }, scale: dpi / 72 };
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

/**
 * Regions that may hold a QR code: blobs of dark pixels (grouped in small blocks) whose box is
 * about square. A QR code's quiet zone keeps it apart from text and from its neighbours.
 */
export function qrCandidates(img: RgbaImage, block = 4): Rect[] {
  const gw = Math.ceil(img.width / block);
  const gh = Math.ceil(img.height / block);
  const dark = new Uint8Array(gw * gh);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      if (img.data[i]! + img.data[i + 1]! + img.data[i + 2]! < 3 * 128) {
        dark[Math.floor(y / block) * gw + Math.floor(x / block)] = 1;
      }
    }
  }
  const seen = new Uint8Array(gw * gh);
  const found: Rect[] = [];
  for (let start = 0; start < dark.length; start++) {
    if (!dark[start] || seen[start]) continue;
    let [minX, minY, maxX, maxY] = [gw, gh, 0, 0];
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const at = stack.pop()!;
      const x = at % gw;
      const y = Math.floor(at / gw);
      [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
      for (const [nx, ny] of [
        [x + 1, y],
        [x - 1, y],
        [x, y + 1],
        [x, y - 1],
      ] as const) {
        const n = ny * gw + nx;
        if (nx >= 0 && ny >= 0 && nx < gw && ny < gh && dark[n] && !seen[n]) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    const width = (maxX - minX + 1) * block;
    const height = (maxY - minY + 1) * block;
    if (width >= 40 && height >= 40 && width / height > 0.7 && width / height < 1.4) {
      const margin = 4 * block + 8;
      found.push({
        x: minX * block - margin,
        y: minY * block - margin,
        width: width + 2 * margin,
        height: height + 2 * margin,
      });
    }
  }
  return found;
}

/**
 * Every QR code found on a page. jsQR finds one code per image, so without `crop` (PDF
 * points, from the top left) each dark square blob of the page is tried.
 */
export async function decodeQrFromPdf(pdf: Buffer, page = 1, crop?: Rect | Rect[]): Promise<string[]> {
  const { image, scale } = await renderPdfPage(pdf, page);
  const regions = crop
    ? (Array.isArray(crop) ? crop : [crop]).map((r) => toPixels(r, scale))
    : qrCandidates(image);
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
export async function decodeFirstTicketQr(
  pdf: Buffer,
  layout: PrintLayout,
  keepPngAs?: string,
): Promise<string> {
  const { image, scale } = await renderPdfPage(pdf, 1, 150, keepPngAs);
  const { portal } = firstTicketQrBoxes(layout, image.height / scale);
  const text = decodeRegion(image, toPixels(portal, scale, 2));
  if (text === null)
    throw new Error(`no QR code where the first ticket's portal QR code should be (${layout})`);
  return text;
}
