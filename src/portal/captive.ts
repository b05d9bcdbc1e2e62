// Captive-network detection: the operating systems' probes (by path and by Host) and how each
// expects to be answered, and the RFC 8908 Captive Portal API document.

export type ProbeKind = 'apple' | 'android' | 'windows-connecttest' | 'windows-ncsi' | 'firefox';

const PROBE_PATHS: Readonly<Record<string, ProbeKind>> = {
  '/hotspot-detect.html': 'apple',
  '/library/test/success.html': 'apple',
  '/generate_204': 'android',
  '/gen_204': 'android',
  '/connecttest.txt': 'windows-connecttest',
  '/redirect': 'windows-connecttest',
  '/ncsi.txt': 'windows-ncsi',
  '/success.txt': 'firefox',
  '/canonical.html': 'firefox',
};

const PROBE_HOSTS: readonly [RegExp, ProbeKind][] = [
  [/^captive\.apple\.com$/, 'apple'],
  [/^(www\.)?(apple|appleiphonecell|ibook|itools|airport|thinkdifferent)\.com$/, 'apple'],
  [/^connectivitycheck\.(gstatic|android)\.com$/, 'android'],
  [/^clients\d?\.google\.com$/, 'android'],
  [/^www\.msftconnecttest\.com$/, 'windows-connecttest'],
  [/^(www\.)?msftncsi\.com$/, 'windows-ncsi'],
  [/^detectportal\.firefox\.com$/, 'firefox'],
];

/** Which probe a request is, by its path first, then by its Host (on a known probe path or `/`). */
export function probeOf(hostname: string, path: string): ProbeKind | null {
  const byPath = PROBE_PATHS[path];
  if (byPath) return byPath;
  const host = hostname.toLowerCase();
  for (const [re, kind] of PROBE_HOSTS) {
    if (re.test(host) && (kind === 'apple' || path === '/')) return kind;
  }
  return null;
}

/** The answer an authorized client's OS expects, so that its mini-browser closes by itself. */
export function probeSuccess(kind: ProbeKind): { status: number; type: string | null; body: string } {
  switch (kind) {
    case 'apple':
      return {
        status: 200,
        type: 'text/html',
        body: '<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>',
      };
    case 'android':
      return { status: 204, type: null, body: '' };
    case 'windows-connecttest':
      return { status: 200, type: 'text/plain', body: 'Microsoft Connect Test' };
    case 'windows-ncsi':
      return { status: 200, type: 'text/plain', body: 'Microsoft NCSI' };
    case 'firefox':
      return { status: 200, type: 'text/plain', body: 'success\n' };
  }
}

/** The Host header's name without its port; null when it is not a plausible host name. */
export function hostnameOf(hostHeader: string | undefined): string | null {
  if (!hostHeader || hostHeader.length > 260) return null;
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/.exec(hostHeader);
  return m ? m[1]!.toLowerCase() : null;
}

/** The URL a captive client asked for, kept so it can go there after logging in. */
export function originalUrl(hostHeader: string, path: string): string | null {
  if (!hostnameOf(hostHeader) || path.length > 1800 || !path.startsWith('/')) return null;
  return `http://${hostHeader}${path}`;
}

/** A destination to offer after login: an http(s) URL of reasonable length, else null. */
export function safeDestination(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

export interface CaptiveApiState {
  captive: boolean;
  secondsRemaining: number | null;
  bytesRemaining: number | null;
  /** Whether the team can add time to this client's ticket now (issue #15, item 3). */
  canExtend?: boolean;
}

/** The RFC 8908 §5 JSON document for one client. */
export function captiveApiDocument(publicUrl: string, state: CaptiveApiState): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    captive: state.captive,
    // A client that may get more time is sent to the page saying how to ask for it.
    'user-portal-url': state.canExtend ? `${publicUrl}/extend` : `${publicUrl}/`,
    'venue-info-url': `${publicUrl}/charter`,
    'can-extend-session': !state.captive && state.canExtend === true,
  };
  if (!state.captive && state.secondsRemaining !== null) doc['seconds-remaining'] = state.secondsRemaining;
  if (!state.captive && state.bytesRemaining !== null) doc['bytes-remaining'] = state.bytesRemaining;
  return doc;
}
