// Drives the client agent (test/fixtures/netns/client-agent.js) running in a client namespace:
// one JSON request per line, answered by id, so a test makes real traffic from the client's side.

import type { NsProcess } from './netns';

export interface HttpResult {
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: string;
  length?: number;
  error?: string;
  ms?: number;
}

export class ClientAgent {
  private next = 1;
  private readonly pending = new Map<number, (r: unknown) => void>();

  constructor(private readonly proc: NsProcess) {
    proc.onLine = (line) => {
      const msg = JSON.parse(line) as { id?: number; result?: unknown };
      if (msg.id !== undefined) {
        this.pending.get(msg.id)?.(msg.result);
        this.pending.delete(msg.id);
      }
    };
  }

  call<T>(req: Record<string, unknown>): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve) => {
      this.pending.set(id, resolve as (r: unknown) => void);
      this.proc.child.stdin!.write(JSON.stringify({ ...req, id }) + '\n');
    });
  }

  http(url: string, opts: Record<string, unknown> = {}): Promise<HttpResult> {
    return this.call<HttpResult>({ op: 'http', url, ...opts });
  }
}

export function cookieOf(res: HttpResult, name: string): string | null {
  const set = res.headers?.['set-cookie'];
  for (const c of Array.isArray(set) ? set : set ? [set] : []) {
    const m = new RegExp(`^${name}=([^;]+)`).exec(c);
    if (m) return m[1]!;
  }
  return null;
}

/** Accepts the charter and redeems a ticket as a browser would: GET the form, POST it with its token. */
export async function loginThrough(agent: ClientAgent, portal: string, code: string): Promise<HttpResult> {
  const page = await agent.http(`${portal}/`);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body ?? '')?.[1] ?? '';
  const cookie = cookieOf(page, 'ecn_csrf') ?? '';
  return agent.http(`${portal}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `ecn_csrf=${cookie}` },
    body: new URLSearchParams({ _csrf: token, charter: 'yes', code }).toString(),
  });
}
