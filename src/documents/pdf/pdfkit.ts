// pdfkit (with fontkit and its standard fonts) is about 13 MiB resident once loaded, and a box
// prints a few times a week: it is loaded at the first PDF, not when the service or `ecn` starts
// (issue #17, item 5: the box's memory). Every PDF of the gateway is made through here.

type PdfKit = typeof import('pdfkit');

let loaded: PdfKit | undefined;

/** A new PDF document, pdfkit being required on the first call only. */
export function newPdfDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  loaded ??= require('pdfkit') as PdfKit;
  return new loaded(options);
}
