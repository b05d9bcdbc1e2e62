// Proxy-State (RFC 2865 §5.33): a server must copy every Proxy-State of a request into its
// reply, unmodified and in order, so that proxies between the NAS and us can route the reply.

import { AttributeType } from './attribute-types';
import type { RadiusAttribute, RadiusPacket } from './packet';

/** The request's Proxy-State attributes, to append at the end of the reply's attributes. */
export function proxyStateAttributes(request: Pick<RadiusPacket, 'attributes'>): RadiusAttribute[] {
  return request.attributes
    .filter((attribute) => attribute.type === AttributeType.ProxyState)
    .map((attribute) => ({ type: attribute.type, value: Buffer.from(attribute.value) }));
}
