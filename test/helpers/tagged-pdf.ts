// Reads back the logical structure of a tagged PDF, as assistive technology would get it:
// poppler's `pdfinfo -struct-text` for the tree and its text, and the figures' alternative
// texts from the structure elements themselves (pdfinfo does not print them).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

export interface StructNode {
  type: string;
  /** Depth under the root element, which is 0. */
  depth: number;
  /** Attributes as pdfinfo prints them, e.g. "/Scope /Column". */
  attributes: string[];
  /** The node's own text (not its children's), one string per marked-content run, joined. */
  text: string;
}

export interface TaggedPdf {
  tagged: boolean;
  /** Every structure element in document order: the reading order. */
  nodes: StructNode[];
  /** Alternative texts of the Figure elements, in document order. */
  figureAlts: string[];
  /** The catalog's /Lang. */
  lang: string | null;
  displayDocTitle: boolean;
}

/** The same spaces as the printed text: French digit groups and "Durée :" use no-break spaces. */
export const plainSpaces = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

export function readTaggedPdf(pdf: Buffer): TaggedPdf {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-tagged-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const structText = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
    const raw = pdf.toString('latin1');
    const lang = /\/Lang (\()/.exec(raw);
    return {
      tagged: /^Tagged:\s+yes$/m.test(info),
      nodes: parseStructText(structText),
      figureAlts: figureAlts(raw),
      lang: lang ? decodePdfString(raw, lang.index + lang[0].length - 1) : null,
      displayDocTitle: /\/DisplayDocTitle true/.test(raw),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The direct children of `nodes[index]`. */
export function childrenOf(nodes: StructNode[], index: number): StructNode[] {
  const parent = nodes[index]!;
  const out: StructNode[] = [];
  for (let i = index + 1; i < nodes.length && nodes[i]!.depth > parent.depth; i++) {
    if (nodes[i]!.depth === parent.depth + 1) out.push(nodes[i]!);
  }
  return out;
}

/** Texts of a node and all its descendants, in order. */
export function textUnder(nodes: StructNode[], index: number): string {
  const parent = nodes[index]!;
  let text = parent.text;
  for (let i = index + 1; i < nodes.length && nodes[i]!.depth > parent.depth; i++) text += nodes[i]!.text;
  return text;
}

/*
 * pdfinfo -struct-text prints two spaces of indent per level:
 *   Table (block)           an element, "(block)" or "(inline)" when it says so
 *     TH:                   an element with attributes on the lines below
 *        /Scope /Column
 *       "Chiffre"           a run of text of the element above
 */
function parseStructText(out: string): StructNode[] {
  const nodes: StructNode[] = [];
  for (const line of out.split('\n')) {
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    const last = nodes[nodes.length - 1];
    if (body.startsWith('"')) {
      if (last) last.text += body.slice(1, body.endsWith('"') ? -1 : undefined);
    } else if (body.startsWith('/')) {
      last?.attributes.push(body);
    } else {
      const type = /^[A-Za-z0-9]+/.exec(body)![0];
      nodes.push({ type, depth: indent / 2, attributes: [], text: '' });
    }
  }
  return nodes;
}

/** Operators that put ink on the page: text, paths, images and shadings. */
const PAINTING = new Set(['Tj', 'TJ', "'", '"', 'f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*', 'Do', 'sh']);

/**
 * What each page paints outside any marked content: in a tagged PDF everything is either
 * content of the structure or an artifact, so this should be empty. Also reports marked
 * content left open or closed twice. Reads pdfkit's page streams (Flate, hex strings only).
 */
export function unmarkedPainting(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const problems: string[] = [];
  for (const [page, ref] of [...raw.matchAll(/\/Contents (\d+) 0 R/g)].entries()) {
    const obj = new RegExp(`\\n${ref[1]} 0 obj\\s*<<([\\s\\S]*?)>>\\s*stream\\r?\\n`).exec(raw);
    if (!obj) throw new Error(`no stream for page content ${ref[1]}`);
    const length = Number(/\/Length (\d+)/.exec(obj[1]!)![1]);
    const start = obj.index + obj[0].length;
    let data = Buffer.from(raw.slice(start, start + length), 'latin1');
    if (/\/FlateDecode/.test(obj[1]!)) data = inflateSync(data);
    let depth = 0;
    for (const token of data.toString('latin1').split(/\s+/)) {
      if (token === 'BDC' || token === 'BMC') depth++;
      else if (token === 'EMC' && --depth < 0) problems.push(`content stream ${page + 1}: EMC without BDC`);
      else if (depth === 0 && PAINTING.has(token)) problems.push(`content stream ${page + 1}: ${token}`);
    }
    if (depth > 0) problems.push(`content stream ${page + 1}: ${depth} marked content left open`);
  }
  return problems;
}

/** pdfkit writes structure elements as plain (uncompressed) objects: read their /Alt. */
function figureAlts(raw: string): string[] {
  const alts: string[] = [];
  for (const m of raw.matchAll(/\d+ 0 obj\s*<<([\s\S]*?)endobj/g)) {
    const body = m[1]!;
    if (!/\/S \/Figure\b/.test(body)) continue;
    const alt = /\/Alt \(/.exec(body);
    if (!alt) continue;
    alts.push(decodePdfString(raw, m.index + m[0].indexOf(body) + alt.index + alt[0].length - 1));
  }
  return alts;
}

/** A PDF literal string starting at `raw[start] === '('`, decoded (UTF-16BE with a BOM, else Latin-1). */
function decodePdfString(raw: string, start: number): string {
  const bytes: number[] = [];
  let depth = 0;
  for (let i = start; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '(') {
      if (depth++ > 0) bytes.push(0x28);
    } else if (c === ')') {
      if (--depth === 0) break;
      bytes.push(0x29);
    } else if (c === '\\') {
      const n = raw[++i]!;
      const octal = /^[0-7]{1,3}/.exec(raw.slice(i, i + 3));
      if (octal) {
        bytes.push(parseInt(octal[0], 8) & 0xff);
        i += octal[0].length - 1;
      } else {
        const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
        bytes.push(escapes[n] ?? n.charCodeAt(0));
      }
    } else bytes.push(c.charCodeAt(0));
  }
  const buf = Buffer.from(bytes);
  if (buf[0] === 0xfe && buf[1] === 0xff) return buf.subarray(2).swap16().toString('utf16le');
  return buf.toString('latin1');
}
