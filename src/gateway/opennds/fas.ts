// openNDS Forward Authentication Service (FAS), the pure part: reads the `fas` query parameter
// openNDS sends with a client it holds captive (level 1: base64; level 2: AES-256-CBC with the
// shared `faskey`, as openNDS's own fas-aes.php reads it) and builds the `opennds_auth` URL
// that lets the client through (`tok` = sha256 of the client's `hid` and the `faskey`).
// Wired into the portal by src/portal/hand-off.ts (routes /opennds/ and /chilli/).

import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';
import { isIpv4, isIpv6, normalizeMac } from '../../domain/device';

export class FasError extends Error {
  constructor(
    readonly reason: 'missing' | 'encoding' | 'decrypt' | 'fields' | 'value',
    message: string,
  ) {
    super(message);
    this.name = 'FasError';
  }
}

/** What openNDS tells the portal about the captive client. */
export interface FasClient {
  clientIp: string;
  clientMac: string;
  /** `host:port` of openNDS on the client's side, where `opennds_auth` is. */
  gatewayAddress: string;
  gatewayName: string;
  /** Hash id of this client's session at openNDS (64 hex digits); `tok` is derived from it. */
  hid: string;
  /** The page the client asked for, when openNDS passed a usable one. */
  originUrl: string | null;
}

const MAX_PARAM = 4096;
const FIELD_RE = /^[a-z_]{1,32}$/;

/** The `name=value, name=value` list openNDS sends, with the fields we use checked. */
export function parseFasFields(text: string): FasClient {
  const fields = new Map<string, string>();
  for (const part of text.split(', ')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq);
    if (FIELD_RE.test(name) && !fields.has(name)) fields.set(name, part.slice(eq + 1));
  }
  const need = (name: string): string => {
    const v = fields.get(name);
    if (v === undefined || v === '') throw new FasError('fields', `the fas parameter has no ${name}`);
    return v;
  };
  const clientIp = need('clientip');
  if (!isIpv4(clientIp) && !isIpv6(clientIp)) throw new FasError('value', 'clientip is not an IP address');
  const clientMac = normalizeMac(need('clientmac'));
  if (clientMac === null) throw new FasError('value', 'clientmac is not a MAC address');
  const gatewayAddress = need('gatewayaddress');
  const m = /^(\d+\.\d+\.\d+\.\d+):(\d{1,5})$/.exec(gatewayAddress);
  if (!m || !isIpv4(m[1]!) || Number(m[2]) < 1 || Number(m[2]) > 65535) {
    throw new FasError('value', 'gatewayaddress is not an IPv4 host:port');
  }
  const hid = need('hid');
  if (!/^[0-9a-f]{64}$/.test(hid)) throw new FasError('value', 'hid is not a sha256 hex digest');
  return {
    clientIp,
    clientMac,
    gatewayAddress,
    gatewayName: safeDecode(fields.get('gatewayname') ?? '').slice(0, 120),
    hid,
    originUrl: httpUrl(safeDecode(fields.get('originurl') ?? '')),
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function httpUrl(s: string): string | null {
  if (s.length === 0 || s.length > 2000) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function strictBase64(s: string, what: string): Buffer {
  if (s.length === 0 || s.length > MAX_PARAM || !/^[A-Za-z0-9+/]+={0,2}$/.test(s) || s.length % 4 !== 0) {
    throw new FasError('encoding', `${what} is not base64`);
  }
  return Buffer.from(s, 'base64');
}

/** Level 1: `fas` is the field list in base64. */
export function decodeFasLevel1(fas: string | undefined): FasClient {
  if (!fas) throw new FasError('missing', 'no fas parameter');
  return parseFasFields(strictBase64(fas, 'fas').toString('utf8'));
}

/**
 * The AES key as PHP's openssl_decrypt makes it from the `faskey` passphrase (what openNDS's
 * reference FAS uses): its bytes, cut to 32 or padded with zeros.
 */
export function fasAesKey(faskey: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(faskey, 'utf8').copy(key, 0, 0, 32);
  return key;
}

/** Level 2: `fas` is base64 of the base64 AES-256-CBC ciphertext, `iv` the 16-character IV. */
export function decodeFasLevel2(fas: string | undefined, iv: string | undefined, faskey: string): FasClient {
  if (!fas || !iv) throw new FasError('missing', 'no fas or iv parameter');
  if (!/^[A-Za-z0-9]{16}$/.test(iv)) throw new FasError('encoding', 'iv is not 16 letters or digits');
  const inner = strictBase64(fas, 'fas').toString('latin1').trim();
  const ciphertext = strictBase64(inner, 'fas (inner)');
  let text: string;
  try {
    const d = createDecipheriv('aes-256-cbc', fasAesKey(faskey), Buffer.from(iv, 'latin1'));
    text = Buffer.concat([d.update(ciphertext), d.final()]).toString('utf8');
  } catch {
    throw new FasError('decrypt', 'the fas parameter does not decrypt with this faskey');
  }
  return parseFasFields(text);
}

/** The token openNDS expects for this client: sha256(hid + faskey), hex. */
export function fasToken(hid: string, faskey: string): string {
  return createHash('sha256')
    .update(hid + faskey)
    .digest('hex');
}

/** Constant-time check of a token against the expected one. */
export function fasTokenValid(tok: string, hid: string, faskey: string): boolean {
  const want = Buffer.from(fasToken(hid, faskey));
  const got = Buffer.from(tok);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Where to send the browser once the resident is through: openNDS's `opennds_auth`. */
export function fasAuthUrl(client: FasClient, faskey: string, redirect: string | null): string {
  const q = new URLSearchParams({ tok: fasToken(client.hid, faskey) });
  const redir = redirect ?? client.originUrl;
  if (redir) q.set('redir', redir);
  return `http://${client.gatewayAddress}/opennds_auth/?${q.toString()}`;
}
