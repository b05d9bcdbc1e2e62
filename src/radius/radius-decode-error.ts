// The one error a RADIUS codec function throws on bad input. The server counts dropped packets by
// `reason`, so reasons form a small fixed set and the free-form detail stays out of metric labels.

export const RADIUS_DECODE_REASONS = [
  /** The datagram is shorter than the 20-octet header. */
  'too_short',
  /** The Length field is above 4096 (RFC 2865 §3). */
  'too_long',
  /** The Length field is below 20 or larger than the datagram. */
  'bad_length',
  /** An attribute has length 0 or 1, type 0, or runs past the end of the packet. */
  'bad_attribute',
  /** A Vendor-Specific attribute is shorter than its header or its content is not RFC 2865 §5.26 shaped. */
  'bad_vsa',
  /** An attribute value does not fit its dictionary type (wrong size, bad UTF-8, bad padding). */
  'bad_value',
] as const;

export type RadiusDecodeReason = (typeof RADIUS_DECODE_REASONS)[number];

export class RadiusDecodeError extends Error {
  override readonly name = 'RadiusDecodeError';

  constructor(
    readonly reason: RadiusDecodeReason,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}
