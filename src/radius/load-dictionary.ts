// Reads a dictionary file and the files it `$INCLUDE`s from disk. The only module of the codec
// that touches the file system; called once at startup by the composition root.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Dictionary, type DictionarySource, parseDictionary } from './dictionary';

/** `$INCLUDE` paths are relative to the including file, as in FreeRADIUS. */
export function loadDictionaryFile(path: string): Dictionary {
  const read = (file: string): DictionarySource => ({ name: file, text: readFileSync(file, 'utf8') });
  return parseDictionary(read(resolve(path)), (from, include) => read(resolve(dirname(from), include)));
}
