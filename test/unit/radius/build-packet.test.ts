// Finished replies and requests: exact RFC bytes, Message-Authenticator first, Proxy-State
// copied, and acceptance by the radius package as an independent client.

import radius from 'radius';
import {
  AttributeType,
  RadiusCode,
  buildRequest,
  buildResponse,
  decodePacket,
  hideUserPassword,
  makeAttribute,
  proxyStateAttributes,
  verifyMessageAuthenticator,
  verifyRequestAuthenticator,
  verifyResponseAuthenticator,
} from '../../../src/radius/index';
import { hex, shippedDictionary } from './radius-test-helpers';

const dictionary = shippedDictionary();
const RFC_SECRET = 'xyzzy5461';
const RFC_ACCESS_REQUEST = hex(
  '01000038 0f403f9473978057bd83d5cb98f4227a 01066e656d6f 02120dbe708d93d413ce3196e43f782a0aee 0406c0a80110 050600000003',
);
const RFC_ACCESS_ACCEPT = hex(
  '02000026 86fe220e7624ba2a1005f6bf9b55e0b2 060600000001 0f0600000000 0e06c0a80103',
);
const SECRET = 'ecn-test-secret';
const AUTHENTICATOR = hex('0123456789abcdeffedcba9876543210');

function accessRequest(
  withMessageAuthenticator: boolean,
  extra: { type: number; value: Buffer }[] = [],
): Buffer {
  return buildRequest({
    code: RadiusCode.AccessRequest,
    identifier: 33,
    authenticator: AUTHENTICATOR,
    secret: SECRET,
    messageAuthenticator: withMessageAuthenticator,
    attributes: [
      makeAttribute(dictionary, 'User-Name', '7KQ2-M9XD'),
      { type: AttributeType.UserPassword, value: hideUserPassword('7KQ2-M9XD', SECRET, AUTHENTICATOR) },
      makeAttribute(dictionary, 'NAS-IP-Address', '192.0.2.10'),
      ...extra,
    ],
  });
}

describe('buildResponse', () => {
  it('rebuilds the RFC 2865 §7.1 Access-Accept byte for byte (without Message-Authenticator)', () => {
    const request = decodePacket(RFC_ACCESS_REQUEST);
    const reply = buildResponse({
      code: RadiusCode.AccessAccept,
      identifier: request.identifier,
      requestAuthenticator: request.authenticator,
      secret: RFC_SECRET,
      messageAuthenticator: false,
      attributes: [
        makeAttribute(dictionary, 'Service-Type', 'Login-User'),
        makeAttribute(dictionary, 'Login-Service', 'Telnet'),
        makeAttribute(dictionary, 'Login-IP-Host', '192.168.1.3'),
      ],
    });
    expect(reply).toEqual(RFC_ACCESS_ACCEPT);
  });

  it.each([RadiusCode.AccessAccept, RadiusCode.AccessReject, RadiusCode.AccessChallenge])(
    'puts a Message-Authenticator first in code %i by default, and both checks pass',
    (code) => {
      const request = decodePacket(accessRequest(true));
      const reply = buildResponse({
        code,
        identifier: request.identifier,
        requestAuthenticator: request.authenticator,
        secret: SECRET,
        attributes: [makeAttribute(dictionary, 'Reply-Message', 'Bienvenue')],
      });
      expect(reply.readUInt8(20)).toBe(AttributeType.MessageAuthenticator);
      expect(reply.readUInt8(21)).toBe(18);
      expect(verifyMessageAuthenticator(reply, SECRET, request.authenticator)).toBe('valid');
      expect(verifyResponseAuthenticator(reply, request.authenticator, SECRET)).toBe(true);
      expect(decodePacket(reply).identifier).toBe(33);
    },
  );

  it('leaves Message-Authenticator out of an Accounting-Response unless asked', () => {
    const plain = buildResponse({
      code: RadiusCode.AccountingResponse,
      identifier: 1,
      requestAuthenticator: AUTHENTICATOR,
      attributes: [],
      secret: SECRET,
    });
    expect(plain).toHaveLength(20);
    const signed = buildResponse({
      code: RadiusCode.AccountingResponse,
      identifier: 1,
      requestAuthenticator: AUTHENTICATOR,
      attributes: [],
      secret: SECRET,
      messageAuthenticator: true,
    });
    expect(verifyMessageAuthenticator(signed, SECRET, AUTHENTICATOR)).toBe('valid');
  });

  it('copies every Proxy-State of the request, unmodified and in order', () => {
    const request = decodePacket(
      accessRequest(true, [
        { type: AttributeType.ProxyState, value: Buffer.from('154') },
        { type: AttributeType.ProxyState, value: hex('00ff00') },
      ]),
    );
    const reply = decodePacket(
      buildResponse({
        code: RadiusCode.AccessReject,
        identifier: request.identifier,
        requestAuthenticator: request.authenticator,
        secret: SECRET,
        attributes: [
          makeAttribute(dictionary, 'Reply-Message', 'Code expiré'),
          ...proxyStateAttributes(request),
        ],
      }),
    );
    expect(reply.attributes.filter((a) => a.type === AttributeType.ProxyState)).toEqual([
      { type: 33, value: Buffer.from('154') },
      { type: 33, value: hex('00ff00') },
    ]);
    expect(proxyStateAttributes(decodePacket(RFC_ACCESS_REQUEST))).toEqual([]);
  });

  it('refuses a request code, a Message-Authenticator passed by hand, and oversize replies', () => {
    const base = { identifier: 1, requestAuthenticator: AUTHENTICATOR, secret: SECRET };
    expect(() => buildResponse({ ...base, code: RadiusCode.AccessRequest, attributes: [] })).toThrow(
      RangeError,
    );
    expect(() =>
      buildResponse({
        ...base,
        code: RadiusCode.AccessAccept,
        attributes: [{ type: 80, value: Buffer.alloc(16) }],
      }),
    ).toThrow(TypeError);
    const big = Array.from({ length: 17 }, () => ({ type: 18, value: Buffer.alloc(253) }));
    expect(() => buildResponse({ ...base, code: RadiusCode.AccessAccept, attributes: big })).toThrow(
      RangeError,
    );
  });
});

describe('buildRequest', () => {
  it('needs a random authenticator for Access-Request and Status-Server, and refuses one elsewhere', () => {
    expect(() => buildRequest({ code: 1, identifier: 1, secret: SECRET, attributes: [] })).toThrow(
      RangeError,
    );
    expect(() =>
      buildRequest({
        code: 12,
        identifier: 1,
        secret: SECRET,
        attributes: [],
        authenticator: Buffer.alloc(8),
      }),
    ).toThrow(RangeError);
    expect(() =>
      buildRequest({ code: 40, identifier: 1, secret: SECRET, attributes: [], authenticator: AUTHENTICATOR }),
    ).toThrow(RangeError);
    expect(() => buildRequest({ code: 2, identifier: 1, secret: SECRET, attributes: [] })).toThrow(
      /not a request/,
    );
  });

  it('signs Access-Request with a Message-Authenticator first by default', () => {
    const request = accessRequest(true);
    expect(request.readUInt8(20)).toBe(AttributeType.MessageAuthenticator);
    expect(verifyMessageAuthenticator(request, SECRET)).toBe('valid');
    expect(request.subarray(4, 20)).toEqual(AUTHENTICATOR);
    expect(verifyMessageAuthenticator(accessRequest(false), SECRET)).toBe('missing');
  });

  it('makes Disconnect-Requests the NAS can check, with or without Message-Authenticator', () => {
    for (const messageAuthenticator of [false, true]) {
      const request = buildRequest({
        code: RadiusCode.DisconnectRequest,
        identifier: 9,
        secret: SECRET,
        messageAuthenticator,
        attributes: [makeAttribute(dictionary, 'Acct-Session-Id', '5f3a-0001')],
      });
      expect(verifyRequestAuthenticator(request, SECRET)).toBe(true);
      expect(verifyMessageAuthenticator(request, SECRET)).toBe(messageAuthenticator ? 'valid' : 'missing');
    }
  });
});

describe('replies checked by the radius package acting as the NAS', () => {
  it.each([true, false])(
    'Access-Accept to a request with Message-Authenticator = %p',
    (withMessageAuthenticator) => {
      const requestBytes = accessRequest(withMessageAuthenticator);
      const request = decodePacket(requestBytes);
      const reply = buildResponse({
        code: RadiusCode.AccessAccept,
        identifier: request.identifier,
        requestAuthenticator: request.authenticator,
        secret: SECRET,
        attributes: [
          makeAttribute(dictionary, 'Session-Timeout', 2700),
          makeAttribute(dictionary, 'Class', Buffer.from('ecn:session:42')),
        ],
      });
      expect(
        radius.verify_response({ request: requestBytes, response: Buffer.from(reply), secret: SECRET }),
      ).toBe(true);
      expect(
        radius.verify_response({ request: requestBytes, response: Buffer.from(reply), secret: 'nope' }),
      ).toBe(false);
      const decoded = radius.decode({ packet: reply, secret: SECRET });
      expect(decoded.code).toBe('Access-Accept');
      expect(decoded.attributes['Session-Timeout']).toBe(2700);
    },
  );
});
