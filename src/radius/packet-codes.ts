// RADIUS packet codes used by the gateway (RFC 2865 §3, RFC 2866 §3, RFC 5176 §2.3, RFC 5997).

export const RadiusCode = {
  AccessRequest: 1,
  AccessAccept: 2,
  AccessReject: 3,
  AccountingRequest: 4,
  AccountingResponse: 5,
  AccessChallenge: 11,
  StatusServer: 12,
  DisconnectRequest: 40,
  DisconnectAck: 41,
  DisconnectNak: 42,
  CoaRequest: 43,
  CoaAck: 44,
  CoaNak: 45,
} as const;

export type RadiusCodeNumber = (typeof RadiusCode)[keyof typeof RadiusCode];

/**
 * Requests whose Request Authenticator is an MD5 over the packet and the secret (RFC 2866 §3,
 * RFC 5176 §2.3), as opposed to the random one of Access-Request and Status-Server.
 */
export function hasComputedRequestAuthenticator(code: number): boolean {
  return (
    code === RadiusCode.AccountingRequest ||
    code === RadiusCode.DisconnectRequest ||
    code === RadiusCode.CoaRequest
  );
}

/** Requests that carry a random Request Authenticator chosen by the client. */
export function hasRandomRequestAuthenticator(code: number): boolean {
  return code === RadiusCode.AccessRequest || code === RadiusCode.StatusServer;
}

/** Responses, whose authenticator is derived from the request they answer. */
export function isResponseCode(code: number): boolean {
  return (
    code === RadiusCode.AccessAccept ||
    code === RadiusCode.AccessReject ||
    code === RadiusCode.AccessChallenge ||
    code === RadiusCode.AccountingResponse ||
    code === RadiusCode.DisconnectAck ||
    code === RadiusCode.DisconnectNak ||
    code === RadiusCode.CoaAck ||
    code === RadiusCode.CoaNak
  );
}
