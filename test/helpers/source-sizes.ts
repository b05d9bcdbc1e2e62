// Sizes of source files and of their functions, read with TypeScript's own parser, so a test can
// hold the house limits (docs/architecture.md: files under 400 lines, functions under 80). A
// function's length counts its lines that hold code, as ESLint's max-lines-per-function does
// with skipBlankLines and skipComments: blank lines and lines of comments only are not counted.

import { readFileSync } from 'node:fs';
import ts from 'typescript';

export interface FunctionSize {
  /** The function's name where it has one (declaration, method, or the variable it is bound to). */
  name: string;
  /** First line, 1-based. */
  line: number;
  /** Lines holding code, from its first line to its last. */
  lines: number;
}

/** Lines of the file, as an editor shows them (a final newline opens no line). */
export function fileLines(file: string): number {
  const text = readFileSync(file, 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The lines (0-based) on which some token of code lies, comments and blanks left out. */
function codeLines(source: ts.SourceFile): Set<number> {
  const lines = new Set<number>();
  const visit = (node: ts.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstToken && node.kind <= ts.SyntaxKind.LastToken) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      for (let l = start; l <= end; l++) lines.add(l);
      return;
    }
    // getChildren, unlike forEachChild, also yields the punctuation tokens (braces, commas).
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  return lines;
}

function nameOf(node: ts.FunctionLikeDeclaration): string {
  if (node.name !== undefined) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText();
  return ts.isConstructorDeclaration(node) ? 'constructor' : '(anonymous)';
}

/** Every function with a body in the file (declarations, expressions, arrows, methods). */
export function functionSizes(file: string): FunctionSize[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const code = codeLines(source);
  const sizes: FunctionSize[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const fn = node as ts.FunctionLikeDeclaration;
      const first = source.getLineAndCharacterOfPosition(fn.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(fn.getEnd()).line;
      let lines = 0;
      for (let l = first; l <= last; l++) if (code.has(l)) lines++;
      sizes.push({ name: nameOf(fn), line: first + 1, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sizes;
}
