// One load-generator process: keeps a window of PAP Access-Requests outstanding against one
// server for a fixed time and reports replies and latencies to its parent. Every request is
// built afresh (random authenticator, hidden password, Message-Authenticator), so no server
// can answer from a duplicate cache.

'use strict';

const dgram = require('node:dgram');
const { randomFillSync } = require('node:crypto');
const { performance } = require('node:perf_hooks');
const { buildRequest, hideUserPassword } = require('../../dist/radius/index');

const ACCESS_REQUEST = 1;
const ACCESS_ACCEPT = 2;

function run({ host, port, secret, tickets, window, seconds, workerIndex, workers, once }) {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const sentAt = new Float64Array(256);
    const busy = new Uint8Array(256);
    const latencies = [];
    const randomPool = Buffer.alloc(16 * 4096);
    let randomAt = randomPool.length;
    let nextId = 0;
    // `once`: each ticket of this worker's share (every `workers`-th) is sent exactly once.
    let ticketAt = once ? workerIndex : workerIndex * 7919;
    let outstanding = 0;
    let finish = null;
    let accepts = 0;
    let rejects = 0;
    let lost = 0;
    let sent = 0;
    let measuring = true;
    const macs = tickets.map(
      (_, i) => `02-00-00-${hex2(i >> 16)}-${hex2((i >> 8) & 0xff)}-${hex2(i & 0xff)}`,
    );

    function authenticator() {
      if (randomAt === randomPool.length) {
        randomFillSync(randomPool);
        randomAt = 0;
      }
      randomAt += 16;
      return randomPool.subarray(randomAt - 16, randomAt);
    }

    function sendOne() {
      if (!measuring) return;
      let id = nextId;
      for (let i = 0; i < 256 && busy[id]; i++) id = (id + 1) & 0xff;
      if (busy[id]) return;
      if (once && ticketAt >= tickets.length) {
        if (outstanding === 0 && finish) finish();
        return;
      }
      nextId = (id + 1) & 0xff;
      const index = ticketAt % tickets.length;
      ticketAt += once ? workers : 1;
      const code = tickets[index];
      const auth = Buffer.from(authenticator());
      const packet = buildRequest({
        code: ACCESS_REQUEST,
        identifier: id,
        authenticator: auth,
        secret,
        attributes: [
          { type: 1, value: Buffer.from(code) },
          { type: 2, value: hideUserPassword(code, secret, auth) },
          { type: 31, value: Buffer.from(macs[index]) },
          { type: 4, value: Buffer.from([127, 0, 0, 1]) },
        ],
      });
      busy[id] = 1;
      outstanding++;
      sentAt[id] = performance.now();
      sent++;
      socket.send(packet, port, host);
    }

    socket.on('message', (msg) => {
      const id = msg[1];
      if (!busy[id]) return;
      busy[id] = 0;
      outstanding--;
      latencies.push(performance.now() - sentAt[id]);
      if (msg[0] === ACCESS_ACCEPT) accepts++;
      else rejects++;
      sendOne();
    });

    // A lost datagram frees its slot after a second, so the window never shrinks for good. The
    // warm-up (`once`: each ticket's first use, a durable write) waits longer: on a busy disk an
    // fsync can take several milliseconds, and a request given up on would leave its ticket
    // unbound for the measured phase (and its work still queued in the server).
    const lostAfterMs = once ? 60_000 : 1000;
    const sweeper = setInterval(() => {
      const now = performance.now();
      for (let id = 0; id < 256; id++) {
        if (busy[id] && now - sentAt[id] > lostAfterMs) {
          busy[id] = 0;
          outstanding--;
          lost++;
          sendOne();
        }
      }
    }, 250);

    socket.bind(0, '127.0.0.1', () => {
      socket.setRecvBufferSize(4 * 1024 * 1024);
      const started = performance.now();
      const end = () => {
        if (!measuring) return;
        measuring = false;
        clearInterval(sweeper);
        const elapsed = (performance.now() - started) / 1000;
        // Let the last replies in, then stop.
        setTimeout(() => {
          socket.close();
          resolve({ sent, accepts, rejects, lost, elapsed, latencies });
        }, 300);
      };
      finish = once ? end : null;
      for (let i = 0; i < window; i++) sendOne();
      if (!once) setTimeout(end, seconds * 1000);
    });
  });
}

function hex2(n) {
  return n.toString(16).padStart(2, '0').toUpperCase();
}

process.on('message', async (task) => {
  const result = await run(task);
  process.send(result, () => process.exit(0));
});
