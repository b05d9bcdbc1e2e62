// QR codes as vector data: the module matrix from `qrcode`, drawn as runs of dark modules,
// for the PDF (pdfkit rectangles) and the HTML page (an SVG path). No raster anywhere.

import QRCode from 'qrcode';

/** White modules kept around the symbol so that phones find its edges (ISO/IEC 18004). */
export const QUIET_ZONE = 4;

/** Horizontal run of dark modules, in module units from the symbol's top-left corner. */
export interface QrRun {
  row: number;
  col: number;
  length: number;
}

export interface QrSymbol {
  /** Modules per side, without the quiet zone. */
  size: number;
  runs: QrRun[];
}

/** Encodes `text` (UTF-8 where it is not plain ASCII) at error-correction level M. */
export function qrSymbol(text: string): QrSymbol {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const runs: QrRun[] = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && modules.get(row, col) === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    }
  }
  return { size: modules.size, runs };
}

/** SVG path data in module units, the quiet zone included (viewBox `0 0 side side`). */
export function qrPath(text: string): { side: number; d: string } {
  const { size, runs } = qrSymbol(text);
  const d = runs
    .map((r) => `M${r.col + QUIET_ZONE} ${r.row + QUIET_ZONE}h${r.length}v1h-${r.length}z`)
    .join('');
  return { side: size + 2 * QUIET_ZONE, d };
}

export interface QrSvgOptions {
  /** Accessible name, e.g. "QR code of the login page". */
  label: string;
  className?: string;
}

function escapeXml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Inline SVG for HTML: white quiet zone, one black path, role="img" with a name and a title. */
export function qrSvg(text: string, opts: QrSvgOptions = { label: 'QR code' }): string {
  const { side, d } = qrPath(text);
  const label = escapeXml(opts.label);
  const cls = opts.className ? ` class="${escapeXml(opts.className)}"` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg"${cls} viewBox="0 0 ${side} ${side}" role="img" aria-label="${label}" shape-rendering="crispEdges">` +
    `<title>${label}</title><rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}
