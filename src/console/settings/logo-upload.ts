// Reads the logo form (multipart): the page's CSRF token and one file, its size limited while
// it streams in. Nothing is decided here; the route checks the token first, then the image.

import busboy from 'busboy';
import type { Request } from 'express';
import { EcnError } from '../../domain/errors';
import { LOGO_MAX_BYTES } from './validate';

export interface LogoUpload {
  fields: Record<string, string>;
  /** The file's bytes, or null when the form had none. */
  file: Buffer | null;
  /** The file went past the limit: the rest was not read. */
  tooBig: boolean;
}

export function readLogoUpload(req: Request): Promise<LogoUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: LOGO_MAX_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 200 },
      });
    } catch {
      // not multipart at all (or no boundary): the form was not sent by the page
      return reject(
        new EcnError('ECN_ERR_SETTINGS_INVALID', 'Not a multipart form.', {
          field: 'logo-file',
          key: 'settings.err.logoMissing',
        }),
      );
    }
    const fields: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let size = 0;
    let seenFile = false;
    let tooBig = false;
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream) => {
      seenFile = true;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        chunks.push(chunk);
      });
      stream.on('limit', () => {
        tooBig = true;
      });
    });
    parser.on('error', () =>
      reject(
        new EcnError('ECN_ERR_SETTINGS_INVALID', 'Malformed multipart form.', {
          field: 'logo-file',
          key: 'settings.err.logoNotImage',
        }),
      ),
    );
    parser.on('close', () =>
      resolve({ fields, file: seenFile && size > 0 ? Buffer.concat(chunks) : null, tooBig }),
    );
    req.pipe(parser);
  });
}
