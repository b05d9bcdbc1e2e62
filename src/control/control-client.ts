// The `ecn` command's end of the control socket: send one request to the running service and
// read its answer. "Not reached" (no service, no socket, not allowed) is an answer too: the
// command then does the work itself and the service's sweep catches up.

import net from 'node:net';
import { EcnError } from '../domain/errors';
import { ControlReply, MAX_LINE_BYTES, type ControlRequest } from './control-protocol';

export type ControlOutcome =
  { reached: true; reply: Extract<ControlReply, { ok: true }> } | { reached: false; reason: string };

/** Errors on connect that mean "no service listening here" rather than "it failed". */
const UNREACHED: Record<string, string> = {
  ENOENT: 'no control socket: the service is not running',
  ECONNREFUSED: 'the service is not listening',
  EACCES: 'not allowed to use the control socket (run as the service user or root)',
  EPERM: 'not allowed to use the control socket (run as the service user or root)',
  ENOTSOCK: 'the control socket is not a socket',
};

/**
 * Sends `req`; resolves to the service's successful reply, throws its refusal as the same
 * typed error, or tells that the service was not reached. Once the request is sent, a missing
 * answer is an error (the action may have been done), never a silent fallback.
 */
export function askService(
  socketPath: string,
  req: ControlRequest,
  timeoutMs: number,
): Promise<ControlOutcome> {
  return new Promise((resolve, reject) => {
    const conn = net.createConnection(socketPath);
    let connected = false;
    let buf = '';
    const fail = (what: string) => {
      conn.destroy();
      reject(
        new EcnError(
          'ECN_ERR_CONTROL_UNANSWERED',
          `The gateway service ${what}; the action may or may not have been done (check with \`ecn tickets list\`).`,
        ),
      );
    };
    conn.setTimeout(timeoutMs, () => fail(`did not answer within ${Math.round(timeoutMs / 1000)} s`));
    conn.on('connect', () => {
      connected = true;
      conn.write(JSON.stringify(req) + '\n');
    });
    conn.setEncoding('utf8');
    conn.on('data', (chunk: string) => {
      buf += chunk;
      if (buf.length > MAX_LINE_BYTES) fail('sent an answer too long');
    });
    conn.on('error', (err: NodeJS.ErrnoException) => {
      if (!connected && err.code && UNREACHED[err.code]) {
        resolve({ reached: false, reason: UNREACHED[err.code]! });
      } else {
        fail(`connection failed (${err.code ?? err.message})`);
      }
    });
    conn.on('end', () => {
      const line = buf.split('\n')[0] ?? '';
      let parsed;
      try {
        parsed = ControlReply.safeParse(JSON.parse(line));
      } catch {
        return fail('sent an answer that is not JSON');
      }
      if (!parsed.success) return fail('sent an answer that is not valid');
      const reply = parsed.data;
      if (!reply.ok) return reject(new EcnError(reply.code, reply.message));
      resolve({ reached: true, reply });
    });
  });
}
