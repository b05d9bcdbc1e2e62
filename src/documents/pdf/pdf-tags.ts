// Tagged-PDF helpers over pdfkit's marking API, shared by the printed tickets and the monthly
// report: structure elements whose content is drawn at once, and artifacts for what a screen
// reader must skip (cut lines, rules, page numbers).

type Doc = PDFKit.PDFDocument;
export type StructElement = PDFKit.PDFStructureElement;

export interface TagOptions {
  /** Alternative text, required on a Figure. */
  alt?: string;
  /** Which cells a table header heads. */
  scope?: 'Row' | 'Column' | 'Both';
  /** The element's box in pdfkit's coordinates (origin top left): [left, top, right, bottom]. */
  bbox?: [number, number, number, number];
  placement?: 'Block' | 'Inline';
}

/**
 * Adds a structure element under `parent`. With `draw`, the element is a leaf: what `draw`
 * puts on the page becomes its content, right away, in reading order. Without it, the element
 * is a container for the elements added under it later.
 *
 * A page must not be added while `draw` runs: start the page before the element.
 */
export function tag(
  doc: Doc,
  parent: StructElement,
  type: string,
  options: TagOptions = {},
  draw?: () => void,
): StructElement {
  // pdfkit 0.20 reads `scope`, `bbox` and `placement`, which its type definitions leave out.
  const el = doc.struct(type, options as Parameters<Doc['struct']>[1], draw ? [draw] : undefined);
  parent.add(el);
  return el;
}

/** The root of the structure tree; everything else goes under it. */
export function documentRoot(doc: Doc): StructElement {
  const root = doc.struct('Document');
  doc.addStructure(root);
  return root;
}

/**
 * Draws something that is not content (a rule, a cut line, a page number) as an artifact.
 * Never call it inside a `tag` drawing: pdfkit closes the open element to start an artifact.
 */
export function artifact(doc: Doc, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}
