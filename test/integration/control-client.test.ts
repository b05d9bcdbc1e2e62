// The two ends of the control socket on their own: a service that is not there, one that
// never answers or answers nonsense, a socket left behind by a killed service, and a file in
// the way. What the command decides in each case (fall back, or stop with a clear error).

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { askService } from '../../src/control/control-client';
import { ControlServer } from '../../src/control/control-server';
import { run } from '../helpers/processes';

const REQ = { op: 'batch.revoke', actor: 'system:camille', batchId: 'b1' } as const;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-ctl-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function fakeService(answer: (conn: net.Socket) => void): Promise<net.Server> {
  const server = net.createServer(answer);
  await new Promise<void>((r) => server.listen(path.join(dir, 'control.sock'), r));
  return server;
}

describe('askService', () => {
  it('tells that no service is there, so the command can do the work itself', async () => {
    await expect(askService(path.join(dir, 'control.sock'), REQ, 1000)).resolves.toEqual({
      reached: false,
      reason: 'no control socket: the service is not running',
    });
  });

  it.each([
    ['never answers', () => {}],
    ['answers something that is not JSON', (c: net.Socket) => c.end('bonjour\n')],
    ['answers JSON of the wrong shape', (c: net.Socket) => c.end('{"ok":true,"batchId":"../x"}\n')],
  ])('stops with a clear error when the service %s (the action may have been done)', async (_w, answer) => {
    const server = await fakeService(answer);
    try {
      await expect(askService(path.join(dir, 'control.sock'), REQ, 300)).rejects.toMatchObject({
        code: 'ECN_ERR_CONTROL_UNANSWERED',
      });
    } finally {
      server.close();
    }
  });

  it("passes the service's refusal on as the same typed error", async () => {
    const server = await fakeService((c) =>
      c.end(
        '{"ok":false,"code":"ECN_ERR_BATCH_UNKNOWN","message":"No batch has the identifier \\"b1\\"."}\n',
      ),
    );
    try {
      await expect(askService(path.join(dir, 'control.sock'), REQ, 1000)).rejects.toMatchObject({
        code: 'ECN_ERR_BATCH_UNKNOWN',
      });
    } finally {
      server.close();
    }
  });
});

describe('ControlServer', () => {
  const logger = pino({ level: 'silent' });
  const handler = async () => ({ ok: true as const, batchId: 'b1', count: 1, already: 0 });

  it('replaces a socket left by a killed service, and makes it 0600', async () => {
    const file = path.join(dir, 'control.sock');
    // A socket file nobody listens on any more, as SIGKILL leaves it.
    const left = await run('python3', [
      '-c',
      `import socket; socket.socket(socket.AF_UNIX).bind(${JSON.stringify(file)})`,
    ]);
    expect(left.status).toBe(0);
    const server = new ControlServer(file, handler, logger);
    await server.start();
    try {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      await expect(askService(file, REQ, 1000)).resolves.toEqual({
        reached: true,
        reply: { ok: true, batchId: 'b1', count: 1, already: 0 },
      });
    } finally {
      await server.stop();
    }
  });

  it('leaves a file that is not a socket alone; the command then falls back', async () => {
    const file = path.join(dir, 'control.sock');
    writeFileSync(file, 'not a socket');
    const server = new ControlServer(file, handler, logger);
    await server.start();
    try {
      expect(readFileSync(file, 'utf8')).toBe('not a socket');
      await expect(askService(file, REQ, 1000)).resolves.toMatchObject({ reached: false });
    } finally {
      await server.stop();
    }
  });
});
