// The DNS process's answer to the portal's one question, "which category blocks this name?",
// over HTTP on loopback, decided by the very policy that answered the resident's DNS query.
// Nothing is logged: neither the name nor who asked (docs/architecture.md, block page).

import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { normalizeName } from './normalize';
import type { FilterPolicy } from './policy';

export const LOOKUP_PATH = '/v1/category';

/** What the lookup answers: the blocking category, or that the name is not blocked. */
export type LookupAnswer = { blocked: true; category: string } | { blocked: false };

export function lookupCategory(policy: FilterPolicy, raw: string): LookupAnswer | null {
  const name = normalizeName(raw);
  if (name === null) return null;
  const v = policy.decide(name);
  return v.action === 'block' ? { blocked: true, category: v.category } : { blocked: false };
}

/** `GET /v1/category?name=<host>` → `{ blocked, category? }`; anything else 404/405/400. */
export function createLookupHandler(policy: () => FilterPolicy): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://lookup');
    if (url.pathname !== LOOKUP_PATH) return send(404, { error: 'not_found' });
    if (req.method !== 'GET') return send(405, { error: 'method_not_allowed' });
    const name = url.searchParams.get('name');
    const answer = name && name.length <= 300 ? lookupCategory(policy(), name) : null;
    if (answer === null) return send(400, { error: 'bad_name' });
    return send(200, answer);
  };
}
