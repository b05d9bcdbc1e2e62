// DNS numbers used by the filter (RFC 1035, 3596, 6891, 9460).

export const RRType = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  OPT: 41,
  SVCB: 64,
  HTTPS: 65,
  ANY: 255,
} as const;

export const RRClass = { IN: 1, CH: 3, ANY: 255 } as const;

export const Rcode = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
} as const;

export const Opcode = { QUERY: 0 } as const;

export const HEADER_LENGTH = 12;
/** Largest name on the wire (RFC 1035 §3.1), counting length octets and the root. */
export const MAX_WIRE_NAME = 255;
export const MAX_LABEL = 63;
/** Classic UDP limit without EDNS. */
export const UDP_PLAIN_LIMIT = 512;
