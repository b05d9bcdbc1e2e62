// The "Internet" web server of the box benchmark, run inside the upstream namespace by
// bench/box/run.js (not a test): 204 on /generate_204 as the OS probe servers answer, and a
// small page for every other path, naming the address it was reached on.
'use strict';
const http = require('node:http');

const page = Buffer.alloc(8 * 1024, 0x2e);
const web = http.createServer((req, res) => {
  if (req.url === '/generate_204') {
    res.writeHead(204);
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(Buffer.concat([Buffer.from(`upstream-ok ${req.socket.localAddress}\n`), page]));
});
web.keepAliveTimeout = 2000;
web.listen({ host: '0.0.0.0', port: 80 }, () => process.stdout.write('ready\n'));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
