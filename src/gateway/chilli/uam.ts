// CoovaChilli UAM, the pure part: checks the `md` signature of the redirect Chilli sends a
// captive browser with (uppercase hex MD5 of the URL before `&md=` followed by the
// `uamsecret`, as Chilli's redir_md_param computes it), reads its parameters, and builds the
// `logon` URL with a CHAP response computed here, so the secret never reaches the browser
// (MD5(0x00 + password + MD5(challenge + uamsecret)), as Chilli's hotspotlogin.cgi does).
// Wired into the portal by src/portal/hand-off.ts (routes /opennds/ and /chilli/).

import { createHash, timingSafeEqual } from 'node:crypto';
import { isIpv4, normalizeMac } from '../../domain/device';

export class UamError extends Error {
  constructor(
    readonly reason: 'signature' | 'missing' | 'value',
    message: string,
  ) {
    super(message);
    this.name = 'UamError';
  }
}

export const UAM_RESULTS = [
  'notyet',
  'success',
  'failed',
  'logoff',
  'already',
  'popup1',
  'popup2',
  'popup3',
] as const;
export type UamResult = (typeof UAM_RESULTS)[number];

export interface UamRedirect {
  res: UamResult;
  uamIp: string;
  uamPort: number;
  /** 16 bytes in hex; absent when Chilli runs with `nochallenge`. */
  challenge: string | null;
  clientMac: string | null;
  clientIp: string | null;
  userUrl: string | null;
  nasId: string | null;
  sessionId: string | null;
  /** Chilli's own reason on `failed` (Reply-Message), shown as text only. */
  reply: string | null;
}

function md5(...parts: (string | Buffer)[]): Buffer {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
}

/**
 * Checks and reads a redirect. `url` must be the URL exactly as Chilli built it: its
 * `uamserver` followed by `?` and the raw query string the browser sent.
 */
export function readUamRedirect(url: string, uamsecret: string): UamRedirect {
  if (url.length > 4096) throw new UamError('value', 'the redirect is too long');
  const at = url.lastIndexOf('&md=');
  if (uamsecret !== '') {
    if (at < 0) throw new UamError('signature', 'the redirect is not signed (no md)');
    const given = url.slice(at + 4);
    if (!/^[0-9A-Fa-f]{32}$/.test(given)) throw new UamError('signature', 'md is not an MD5 digest');
    const want = md5(url.slice(0, at), uamsecret);
    if (!timingSafeEqual(Buffer.from(given, 'hex'), want)) {
      throw new UamError('signature', 'md does not match: not from our Chilli, or changed on the way');
    }
  }
  const q = new URL(url).searchParams;
  const one = (name: string): string | null => {
    const v = q.getAll(name);
    if (v.length > 1) throw new UamError('value', `${name} is given twice`);
    return v[0] ?? null;
  };
  const res = one('res');
  if (!res || !(UAM_RESULTS as readonly string[]).includes(res))
    throw new UamError('value', 'res is missing or unknown');
  const uamIp = one('uamip');
  const uamPort = Number(one('uamport'));
  if (!uamIp || !isIpv4(uamIp)) throw new UamError('missing', 'uamip is not an IPv4 address');
  if (!Number.isInteger(uamPort) || uamPort < 1 || uamPort > 65535)
    throw new UamError('missing', 'uamport is not a port');
  const challenge = one('challenge');
  if (challenge !== null && !/^[0-9a-fA-F]{32}$/.test(challenge))
    throw new UamError('value', 'challenge is not 16 bytes of hex');
  const mac = one('mac');
  const clientMac = mac === null ? null : normalizeMac(mac);
  if (mac !== null && clientMac === null) throw new UamError('value', 'mac is not a MAC address');
  const ip = one('ip');
  if (ip !== null && !isIpv4(ip)) throw new UamError('value', 'ip is not an IPv4 address');
  return {
    res: res as UamResult,
    uamIp,
    uamPort,
    challenge: challenge?.toLowerCase() ?? null,
    clientMac,
    clientIp: ip,
    userUrl: httpUrl(one('userurl')),
    nasId: one('nasid')?.slice(0, 64) ?? null,
    sessionId: one('sessionid')?.slice(0, 64) ?? null,
    reply: one('reply')?.slice(0, 200) ?? null,
  };
}

function httpUrl(s: string | null): string | null {
  if (!s || s.length > 2000) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** The CHAP response Chilli expects for this challenge: hex MD5(0 + password + MD5(challenge + uamsecret)). */
export function chapResponse(challengeHex: string, password: string, uamsecret: string): string {
  if (!/^[0-9a-fA-F]{32}$/.test(challengeHex))
    throw new UamError('value', 'challenge is not 16 bytes of hex');
  const challenge = Buffer.from(challengeHex, 'hex');
  const chal = uamsecret === '' ? challenge : md5(challenge, uamsecret);
  return md5(Buffer.from([0]), Buffer.from(password, 'utf8'), chal).toString('hex');
}

/** Where to send the browser so that Chilli asks our RADIUS server with these credentials. */
export function uamLogonUrl(r: UamRedirect, username: string, password: string, uamsecret: string): string {
  if (r.challenge === null) throw new UamError('missing', 'no challenge to answer');
  const q = new URLSearchParams({ username, response: chapResponse(r.challenge, password, uamsecret) });
  if (r.userUrl) q.set('userurl', r.userUrl);
  return `http://${r.uamIp}:${r.uamPort}/logon?${q.toString()}`;
}
