// Sessions: one device's period of access under one ticket, from start to end.

import type { Device } from './device';

export type SessionOrigin = { kind: 'local' } | { kind: 'nas'; nas: string };

export const END_CAUSES = [
  'logout',
  'expired',
  'quota',
  'idle',
  'revoked',
  'disconnected',
  'nas-stop',
  'nas-reboot',
  'replaced',
  /** The space closed (issue #15, item 1): the sweeper ends open sessions at closing time. */
  'closed',
] as const;
export type EndCause = (typeof END_CAUSES)[number];

export interface Session {
  id: string;
  /**
   * The space (`space.id`) whose box gave this access. A ticket is the city's; a session is
   * one space's: its box's gateway, journal, statistics and console answer for it alone.
   */
  spaceId: string;
  ticketId: string | null;
  device: Device;
  origin: SessionOrigin;
  startedAt: number;
  lastSeenAt: number;
  bytesIn: number;
  bytesOut: number;
  endedAt: number | null;
  endCause: EndCause | null;
  /** Accounting session id given by a NAS, to correlate accounting records. */
  nasSessionId: string | null;
  /**
   * The public address and source-port block the box translates this device's connections to
   * (deterministic NAT, RFC 7422), for the legal journal; absent or null when the box does no
   * such translation (a NAS, IPv6, NAT port blocks off).
   */
  natPorts?: NatPorts | null;
  /**
   * The label of the space's own device this session is for (issue #15, item 2: a public PC
   * let through without a ticket); absent for a resident's session.
   */
  trustedLabel?: string | null;
}

/** A client's share of the public address: every connection it opens leaves from one of these ports. */
export interface NatPorts {
  publicIp: string;
  first: number;
  last: number;
}

export function endSession(s: Session, cause: EndCause, now: number): Session {
  if (s.endedAt !== null) return s;
  return { ...s, endedAt: now, endCause: cause, lastSeenAt: Math.max(s.lastSeenAt, now) };
}

/** Counters only ever grow: a NAS retransmission or a counter read twice never subtracts. */
export function recordTraffic(
  s: Session,
  totals: { bytesIn: number; bytesOut: number },
  now: number,
): Session {
  return {
    ...s,
    bytesIn: Math.max(s.bytesIn, totals.bytesIn),
    bytesOut: Math.max(s.bytesOut, totals.bytesOut),
    lastSeenAt: Math.max(s.lastSeenAt, now),
  };
}
