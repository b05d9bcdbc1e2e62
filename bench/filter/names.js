// Deterministic names that look like real ones (words, digits, 14 TLDs, one in five a
// subdomain), written one a line: the generated part of the benchmarks' 5 M-name list.

'use strict';

const fs = require('node:fs');

const WORDS = [
  'video',
  'cam',
  'live',
  'free',
  'hot',
  'club',
  'shop',
  'bet',
  'game',
  'chat',
  'tube',
  'star',
  'web',
  'net',
  'media',
  'photo',
  'sex',
  'casino',
  'date',
  'promo',
];
const TLDS = [
  'com',
  'net',
  'org',
  'fr',
  'ru',
  'de',
  'info',
  'xyz',
  'top',
  'biz',
  'co.uk',
  'be',
  'nl',
  'online',
];

/** Writes `count` names to `file`; calls `each(name, i)` for each when given (for samples). */
function generateNames(file, count, each) {
  let seed = 0x2545f491;
  const rnd = () => (seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x297a2d39) >>> 0);
  const fd = fs.openSync(file, 'w');
  let buf = '';
  for (let i = 0; i < count; i++) {
    const r = rnd();
    const w1 = WORDS[r % WORDS.length];
    const w2 = WORDS[(r >>> 8) % WORDS.length];
    const sub = (r >>> 16) % 5 === 0 ? `${WORDS[(r >>> 20) % WORDS.length]}.` : '';
    const name = `${sub}${w1}${w2}${i.toString(36)}.${TLDS[(r >>> 24) % TLDS.length]}`;
    if (each) each(name, i);
    buf += `${name}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

/**
 * A dnsperf query file: half blocked names (a third of them as a `www.` subdomain), half
 * allowed `hostN.allowed.test` questions answered by the upstream, AAAA one time in
 * `aaaaEvery`. Seeded, so two runs send the same questions.
 */
function writeQueryMix(file, blocked, { queries, allowedNames, aaaaEvery }) {
  let s = '';
  let seed = 99;
  const rnd = (n) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
  for (let i = 0; i < queries; i++) {
    if (i % 2 === 0) s += `${rnd(3) === 0 ? 'www.' : ''}${blocked[rnd(blocked.length)]} A\n`;
    else s += `host${rnd(allowedNames)}.allowed.test ${rnd(aaaaEvery) === 0 ? 'AAAA' : 'A'}\n`;
  }
  require('node:fs').writeFileSync(file, s);
}

/** dnsmasq as the benches' caching upstream: no list, answers *.allowed.test, TTL 300. */
function upstreamArgs(port) {
  return [
    '-k',
    '--pid-file=',
    `--port=${port}`,
    '--listen-address=127.0.0.1',
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    '--cache-size=10000',
    '--address=/allowed.test/192.0.2.1',
    '--address=/allowed.test/2001:db8::1',
    '--local-ttl=300',
    '--log-facility=-',
  ];
}

module.exports = { generateNames, writeQueryMix, upstreamArgs };
