// Types of a DNS message as the filter reads and writes it. Records the filter does not
// interpret keep their RDATA as bytes, so a message can be decoded and encoded again.

export interface DnsHeader {
  id: number;
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  /** The Z bit (must be zero) is kept so a round trip is exact. */
  z: boolean;
  ad: boolean;
  cd: boolean;
  rcode: number;
}

export interface DnsQuestion {
  /** Lower-case as received is not guaranteed: names keep their case, without trailing dot. */
  name: string;
  type: number;
  class: number;
}

export interface SoaData {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

export interface SvcbData {
  priority: number;
  target: string;
  /** SvcParams, kept as raw key/value pairs. */
  params: { key: number; value: Buffer }[];
}

export interface EdnsOption {
  code: number;
  data: Buffer;
}

export type RData =
  | { kind: 'a'; address: string }
  | { kind: 'aaaa'; address: string }
  | { kind: 'name'; name: string } // CNAME, NS, PTR
  | { kind: 'soa'; soa: SoaData }
  | { kind: 'svcb'; svcb: SvcbData } // SVCB (64), HTTPS (65)
  | { kind: 'opt'; options: EdnsOption[] }
  | { kind: 'raw'; data: Buffer };

export interface DnsRecord {
  name: string;
  type: number;
  /** For OPT: the requester's UDP payload size. */
  class: number;
  /** For OPT: extended RCODE, version and flags (DO) as one 32-bit value. */
  ttl: number;
  data: RData;
}

export interface DnsMessage {
  header: DnsHeader;
  questions: DnsQuestion[];
  answers: DnsRecord[];
  authorities: DnsRecord[];
  additionals: DnsRecord[];
}

export class DnsDecodeError extends Error {
  constructor(
    readonly reason:
      | 'truncated'
      | 'bad_label'
      | 'pointer_loop'
      | 'name_too_long'
      | 'bad_rdata'
      | 'too_many_records'
      | 'trailing_bytes',
    message: string,
  ) {
    super(message);
    this.name = 'DnsDecodeError';
  }
}

export class DnsEncodeError extends Error {}
