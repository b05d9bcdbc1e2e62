// The service's end of the control socket: a Unix socket only the service user can open
// (mode 0600), one JSON request line in, one JSON reply line out, validated before anything
// is done. The `ecn` command uses it so what it does reaches the running service at once.

import { chmodSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { isEcnError } from '../domain/errors';
import type { Component } from '../lifecycle';
import type { Logger } from '../log';
import { ControlRequest, MAX_LINE_BYTES, MAX_SOCKET_PATH, type ControlReply } from './control-protocol';

export type ControlHandler = (req: ControlRequest) => Promise<ControlReply>;

/** A connection that sends nothing useful is dropped after this long. */
const IDLE_MS = 10_000;

export class ControlServer implements Component {
  readonly name = 'control-socket';
  private server: net.Server | null = null;

  constructor(
    private readonly socketPath: string,
    private readonly handle: ControlHandler,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    if (Buffer.byteLength(this.socketPath) > MAX_SOCKET_PATH) {
      // Not fatal: the command falls back to doing the work itself, and the sweep cuts later.
      this.logger.warn(
        { socket: this.socketPath },
        'control socket path too long for a Unix socket: `ecn` will not reach the service',
      );
      return;
    }
    mkdirSync(path.dirname(this.socketPath), { recursive: true, mode: 0o750 });
    if (!removeStaleSocket(this.socketPath)) {
      this.logger.error(
        { socket: this.socketPath },
        'a file that is not a socket is in the way of the control socket: `ecn` will not reach the service',
      );
      return;
    }
    const server = net.createServer((conn) => this.serve(conn));
    // The socket file is created by listen(); the umask makes it 0600 from the first instant
    // (no window where another user could connect), and chmod says so explicitly.
    const umask = process.umask(0o177);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.socketPath, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } finally {
      process.umask(umask);
    }
    chmodSync(this.socketPath, 0o600);
    this.server = server;
  }

  private serve(conn: net.Socket): void {
    conn.setTimeout(IDLE_MS, () => conn.destroy());
    conn.on('error', (err) => this.logger.debug({ err }, 'control connection error'));
    let buf = Buffer.alloc(0);
    let done = false;
    const reply = (r: ControlReply) => {
      done = true;
      conn.end(JSON.stringify(r) + '\n');
    };
    conn.on('data', (chunk: Buffer) => {
      if (done) return;
      buf = Buffer.concat([buf, chunk]);
      const nl = buf.indexOf(0x0a);
      if (nl < 0 && buf.length <= MAX_LINE_BYTES) return;
      if (nl < 0 || nl > MAX_LINE_BYTES) return reply(invalid('The request line is too long.'));
      done = true;
      void this.answer(buf.subarray(0, nl).toString('utf8')).then((r) => {
        if (!conn.destroyed) conn.end(JSON.stringify(r) + '\n');
      });
    });
  }

  /** Parse → validate → run: anything not valid is refused before any change. */
  private async answer(line: string): Promise<ControlReply> {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return invalid('The request is not JSON.');
    }
    const parsed = ControlRequest.safeParse(raw);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => i.path.join('.') || '(request)');
      return invalid(`The request is not valid (${[...new Set(where)].join(', ')}).`);
    }
    const req = parsed.data;
    try {
      const r = await this.handle(req);
      this.logger.info({ op: req.op, actor: req.actor }, 'done for the ecn command');
      return r;
    } catch (err) {
      if (isEcnError(err) && err.expose) {
        this.logger.info({ op: req.op, errorCode: err.code }, 'ecn command request refused');
        return { ok: false, code: err.code, message: err.message.slice(0, 500) };
      }
      this.logger.error({ err, op: req.op }, 'ecn command request failed');
      return { ok: false, code: 'ECN_ERR_INTERNAL', message: 'The service failed; see its log.' };
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function invalid(message: string): ControlReply {
  return { ok: false, code: 'ECN_ERR_CONTROL_INVALID', message };
}

/** A socket left by a service that was killed is removed; any other file is left alone. */
function removeStaleSocket(file: string): boolean {
  let st;
  try {
    st = lstatSync(file);
  } catch {
    return true;
  }
  if (!st.isSocket()) return false;
  unlinkSync(file);
  return true;
}
