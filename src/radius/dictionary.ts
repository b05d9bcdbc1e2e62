// Attribute dictionaries in the FreeRADIUS text format: ATTRIBUTE, VALUE, VENDOR,
// BEGIN-VENDOR/END-VENDOR and $INCLUDE. Pure: the caller supplies file contents (see
// load-dictionary.ts); anything this parser does not understand is an error, never a guess.

import { type AttributeDataType, isAttributeDataType } from './attribute-values';

export interface VendorDefinition {
  readonly name: string;
  readonly id: number;
}

export interface AttributeDefinition {
  readonly name: string;
  /** 0 for the standard attribute space. */
  readonly vendorId: number;
  /** The attribute type, or the vendor type inside a Vendor-Specific attribute. */
  readonly type: number;
  readonly dataType: AttributeDataType;
  /** FreeRADIUS `encrypt=` flag: 1 is User-Password hiding (RFC 2865 §5.2), 0 is none. */
  readonly encrypt: 0 | 1 | 2 | 3;
  /** VALUE names to numbers. */
  readonly values: ReadonlyMap<string, number>;
  /** Numbers to the first VALUE name given for them. */
  readonly valueNames: ReadonlyMap<number, string>;
}

export interface DictionarySource {
  /** A name for error messages and for resolving `$INCLUDE`, usually the file path. */
  readonly name: string;
  readonly text: string;
}

/** Returns the source an `$INCLUDE` line names; `from` is the including source's name. */
export type IncludeResolver = (from: string, path: string) => DictionarySource;

export class DictionaryError extends Error {
  override readonly name = 'DictionaryError';

  constructor(
    readonly source: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${source}:${line}: ${detail}`);
  }
}

export class Dictionary {
  private readonly byName: ReadonlyMap<string, AttributeDefinition>;
  private readonly byCode: ReadonlyMap<string, AttributeDefinition>;
  private readonly vendorsByName: ReadonlyMap<string, VendorDefinition>;
  private readonly vendorsById: ReadonlyMap<number, VendorDefinition>;

  constructor(attributes: readonly AttributeDefinition[], vendors: readonly VendorDefinition[]) {
    const byName = new Map<string, AttributeDefinition>();
    const byCode = new Map<string, AttributeDefinition>();
    for (const attribute of attributes) {
      byName.set(attribute.name.toLowerCase(), attribute);
      const code = codeKey(attribute.vendorId, attribute.type);
      // Aliases share a number; the first definition names it when decoding.
      if (!byCode.has(code)) byCode.set(code, attribute);
    }
    this.byName = byName;
    this.byCode = byCode;
    this.vendorsByName = new Map(vendors.map((v) => [v.name.toLowerCase(), v]));
    this.vendorsById = new Map(vendors.map((v) => [v.id, v]));
  }

  /** Case-insensitive, as in FreeRADIUS. */
  attribute(name: string): AttributeDefinition | undefined {
    return this.byName.get(name.toLowerCase());
  }

  attributeByCode(vendorId: number, type: number): AttributeDefinition | undefined {
    return this.byCode.get(codeKey(vendorId, type));
  }

  vendor(nameOrId: string | number): VendorDefinition | undefined {
    return typeof nameOrId === 'number'
      ? this.vendorsById.get(nameOrId)
      : this.vendorsByName.get(nameOrId.toLowerCase());
  }

  get attributes(): AttributeDefinition[] {
    return [...new Set(this.byName.values())];
  }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._+/-]*$/;
const NUMBER = /^(0|[1-9][0-9]*|0x[0-9a-fA-F]+)$/;

type Fail = (detail: string) => never;

// Enumerated names only make sense for the integer types that fit a JavaScript number.
const VALUE_MAX: Partial<Record<AttributeDataType, number>> = {
  integer: 0xffffffff,
  byte: 0xff,
  short: 0xffff,
  signed: 0x7fffffff,
};

interface MutableAttribute {
  name: string;
  vendorId: number;
  type: number;
  dataType: AttributeDataType;
  encrypt: 0 | 1 | 2 | 3;
  values: Map<string, number>;
  valueNames: Map<number, string>;
}

/** What a parse has defined so far, over every source it reads. */
interface ParseState {
  readonly attributes: Map<string, MutableAttribute>;
  readonly vendors: Map<string, VendorDefinition>;
  /** Sources already read, by name: each is read once, which also ends include cycles. */
  readonly seen: Set<string>;
  readonly resolveInclude: IncludeResolver | undefined;
}

/** Where a statement is read: its source and line (for errors), and the vendor block it is in. */
interface SourceContext {
  readonly source: DictionarySource;
  line: number;
  vendor: VendorDefinition | undefined;
  readonly fail: Fail;
}

/** One statement of the format: its words after the keyword, read into the parse's state. */
type Statement = (args: string[], state: ParseState, at: SourceContext) => void;

/**
 * Parses one or more root sources into a dictionary. `$INCLUDE` needs `resolveInclude`; a source
 * already read (same resolved name) is not read again, which also ends include cycles.
 */
export function parseDictionary(
  roots: DictionarySource | readonly DictionarySource[],
  resolveInclude?: IncludeResolver,
): Dictionary {
  const state: ParseState = { attributes: new Map(), vendors: new Map(), seen: new Set(), resolveInclude };
  for (const root of Array.isArray(roots) ? roots : [roots as DictionarySource]) parseSource(root, state);
  return new Dictionary([...state.attributes.values()], [...state.vendors.values()]);
}

function parseSource(source: DictionarySource, state: ParseState): void {
  if (state.seen.has(source.name)) return;
  state.seen.add(source.name);
  const at: SourceContext = {
    source,
    line: 0,
    vendor: undefined,
    fail: (detail) => {
      throw new DictionaryError(source.name, at.line, detail);
    },
  };
  for (const rawLine of source.text.split(/\r?\n/)) {
    at.line++;
    const hash = rawLine.indexOf('#');
    const words = (hash >= 0 ? rawLine.slice(0, hash) : rawLine).trim().split(/\s+/).filter(Boolean);
    const [keyword, ...args] = words;
    if (keyword === undefined) continue;
    const statement = STATEMENTS.get(keyword) ?? at.fail(`unsupported keyword ${keyword}`);
    statement(args, state, at);
  }
  if (at.vendor !== undefined) at.fail(`BEGIN-VENDOR ${at.vendor.name} is not closed`);
}

function includeStatement(args: string[], state: ParseState, at: SourceContext): void {
  if (args.length !== 1 || args[0] === undefined) at.fail('$INCLUDE takes one path');
  if (state.resolveInclude === undefined) at.fail('$INCLUDE is not available for this source');
  parseSource(state.resolveInclude(at.source.name, args[0]), state);
}

function vendorStatement(args: string[], state: ParseState, at: SourceContext): void {
  const fail: Fail = at.fail;
  const [name, idText, format, ...extra] = args;
  if (name === undefined || idText === undefined || extra.length > 0)
    fail('VENDOR takes a name and a number');
  if (format !== undefined && format !== 'format=1,1') fail(`vendor format ${format} is not supported`);
  checkName(name, fail);
  const id = parseNumber(idText, 1, 0xffffff, 'vendor id', fail);
  const existing = state.vendors.get(name.toLowerCase());
  if (existing !== undefined && existing.id !== id) fail(`vendor ${name} redefined with another number`);
  state.vendors.set(name.toLowerCase(), { name, id });
}

function beginVendorStatement(args: string[], state: ParseState, at: SourceContext): void {
  if (args.length !== 1 || args[0] === undefined) at.fail('BEGIN-VENDOR takes a vendor name');
  if (at.vendor !== undefined) at.fail('BEGIN-VENDOR inside another BEGIN-VENDOR');
  at.vendor = state.vendors.get(args[0].toLowerCase()) ?? at.fail(`unknown vendor ${args[0]}`);
}

function endVendorStatement(args: string[], _state: ParseState, at: SourceContext): void {
  const vendor = at.vendor;
  if (vendor === undefined) at.fail('END-VENDOR without BEGIN-VENDOR');
  if (args.length !== 1 || args[0]?.toLowerCase() !== vendor.name.toLowerCase()) {
    at.fail(`END-VENDOR must name ${vendor.name}`);
  }
  at.vendor = undefined;
}

function attributeStatement(args: string[], state: ParseState, at: SourceContext): void {
  const fail: Fail = at.fail;
  const [name, numberText, typeText, flags, ...extra] = args;
  if (name === undefined || numberText === undefined || typeText === undefined || extra.length > 0) {
    fail('ATTRIBUTE takes a name, a number, a type and optional flags');
  }
  checkName(name, fail);
  const vendorId = at.vendor?.id ?? 0;
  const type = parseNumber(numberText, vendorId === 0 ? 1 : 0, 255, 'attribute number', fail);
  const dataType = typeText.toLowerCase();
  if (!isAttributeDataType(dataType)) fail(`type ${typeText} is not supported`);
  if (dataType === 'vsa' && (vendorId !== 0 || type !== 26)) fail('type vsa is only for attribute 26');
  const encrypt = parseFlags(flags, fail);
  const existing = state.attributes.get(name.toLowerCase());
  if (existing !== undefined) {
    if (existing.vendorId !== vendorId || existing.type !== type || existing.dataType !== dataType) {
      fail(`attribute ${name} redefined differently`);
    }
    return;
  }
  const values = new Map<string, number>();
  const valueNames = new Map<number, string>();
  state.attributes.set(name.toLowerCase(), { name, vendorId, type, dataType, encrypt, values, valueNames });
}

function valueStatement(args: string[], state: ParseState, at: SourceContext): void {
  const fail: Fail = at.fail;
  const [attributeName, valueName, numberText, ...extra] = args;
  if (
    attributeName === undefined ||
    valueName === undefined ||
    numberText === undefined ||
    extra.length > 0
  ) {
    fail('VALUE takes an attribute name, a value name and a number');
  }
  checkName(valueName, fail);
  const attribute =
    state.attributes.get(attributeName.toLowerCase()) ?? fail(`VALUE for unknown attribute ${attributeName}`);
  const max = VALUE_MAX[attribute.dataType];
  if (max === undefined) fail(`VALUE is not supported for ${attribute.dataType} attribute ${attribute.name}`);
  const number = parseNumber(numberText, 0, max, 'value', fail);
  const existing = attribute.values.get(valueName);
  if (existing !== undefined && existing !== number)
    fail(`VALUE ${valueName} of ${attribute.name} redefined`);
  attribute.values.set(valueName, number);
  if (!attribute.valueNames.has(number)) attribute.valueNames.set(number, valueName);
}

/** The statements this parser understands; any other keyword is an error. */
const STATEMENTS: ReadonlyMap<string, Statement> = new Map<string, Statement>([
  ['$INCLUDE', includeStatement],
  ['VENDOR', vendorStatement],
  ['BEGIN-VENDOR', beginVendorStatement],
  ['END-VENDOR', endVendorStatement],
  ['ATTRIBUTE', attributeStatement],
  ['VALUE', valueStatement],
]);

function codeKey(vendorId: number, type: number): string {
  return `${vendorId}:${type}`;
}

function checkName(name: string, fail: Fail): void {
  if (!NAME.test(name)) fail(`invalid name ${name}`);
}

function parseNumber(text: string, min: number, max: number, what: string, fail: Fail): number {
  if (!NUMBER.test(text)) fail(`${what} ${text} is not a number`);
  const n = Number(text);
  if (n < min || n > max) fail(`${what} ${text} is out of range ${min}..${max}`);
  return n;
}

function parseFlags(flags: string | undefined, fail: Fail): 0 | 1 | 2 | 3 {
  if (flags === undefined) return 0;
  let encrypt: 0 | 1 | 2 | 3 = 0;
  for (const flag of flags.split(',')) {
    const match = /^encrypt=([123])$/.exec(flag);
    if (match === null) fail(`flag ${flag} is not supported`);
    encrypt = Number(match[1]) as 1 | 2 | 3;
  }
  return encrypt;
}
