// The figures of `npm run bench:box` (bench/box/report.js): the growth check that fails the
// CI-sized run on a leak and only on a leak, the percentiles, the tables and the plot.

const report = require('../../../bench/box/report') as {
  percentile(values: number[], p: number): number | null;
  growthOverLastHalf(
    samples: Record<string, number>[],
    key: string,
    durationMs: number,
    warmupMs: number,
    startedAtMs?: number,
    stat?: 'median' | 'min',
  ): { from: number; to: number; growth: number } | null;
  withinBound(g: { from: number; to: number } | null, fraction: number, absolute: number): boolean;
  windowFigures(win: Record<string, unknown>): Record<string, unknown>;
  table(rows: unknown[], processes: string[]): string;
  svgPlot(input: Record<string, unknown>): string;
};

const MIN = 60_000;

/** One sample every 5 s over `minutes`, RSS given by `rss(t)`, with a GC-like wobble. */
function series(minutes: number, rss: (t: number) => number): { t: number; [k: string]: number }[] {
  const out: { t: number; [k: string]: number }[] = [];
  for (let t = 0; t <= minutes * MIN; t += 5000) {
    out.push({ t, 'service.rss': rss(t) + ((t / 5000) % 3) - 1, 'service.fds': 40 });
  }
  return out;
}

test('a process whose memory settles after warm-up passes; one that leaks 1 MiB a minute over 10 minutes fails', () => {
  const flat = series(10, (t) => (t < MIN ? 80 + (60 * t) / MIN : 140));
  const g = report.growthOverLastHalf(flat, 'service.rss', 10 * MIN, MIN);
  expect(g).not.toBeNull();
  expect(Math.abs(g!.growth)).toBeLessThan(0.02);
  expect(report.withinBound(g, 0.05, 16)).toBe(true);

  const leak = series(10, (t) => 140 + (40 * t) / MIN);
  const l = report.growthOverLastHalf(leak, 'service.rss', 10 * MIN, MIN);
  expect(l!.to - l!.from).toBeGreaterThan(100);
  expect(report.withinBound(l, 0.05, 16)).toBe(false);
});

test('descriptors: a floor that climbs by two per sample fails; connections in flight coming and going pass', () => {
  const min = (samples: { t: number; [k: string]: number }[]) =>
    report.withinBound(
      report.growthOverLastHalf(samples, 'service.fds', 2 * MIN, 30_000, 0, 'min'),
      0.05,
      10,
    );
  // A leak: one more descriptor kept per request, never closed.
  expect(min(series(2, () => 0).map((s, i) => ({ ...s, 'service.fds': 40 + 2 * i })))).toBe(false);
  // Busy moments: up to 30 sockets open at a sample, none kept; the floor stays at 40.
  expect(
    min(series(2, () => 0).map((s, i) => ({ ...s, 'service.fds': 40 + (i % 2 ? 0 : (i * 7) % 31) }))),
  ).toBe(true);
  // The median, which the memory check uses, would call the same busy end a growth.
  const busyEnd = series(2, () => 0).map((s) => ({ ...s, 'service.fds': s.t > 100_000 ? 70 : 40 }));
  expect(
    report.withinBound(report.growthOverLastHalf(busyEnd, 'service.fds', 2 * MIN, 30_000), 0.05, 10),
  ).toBe(false);
});

test('the growth is measured after the last restart: a restart late in the run leaves nothing to judge, not a failure', () => {
  // The service was killed and restarted at 9 minutes of 10: its fresh process grows as it warms.
  const restarted = series(10, (t) => (t < 9 * MIN ? 140 : 60 + (t - 9 * MIN) / 1000));
  expect(report.growthOverLastHalf(restarted, 'service.rss', 10 * MIN, MIN, 9 * MIN)).toBeNull();
  // A restart at 1 minute: the last half is all the new process's, after its warm-up.
  const early = series(10, (t) => (t < MIN ? 140 : 120));
  const g = report.growthOverLastHalf(early, 'service.rss', 10 * MIN, MIN, MIN);
  expect(report.withinBound(g, 0.05, 16)).toBe(true);
});

test('percentiles by nearest rank; none of an empty window', () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i);
  expect(report.percentile(values, 50)).toBe(50);
  expect(report.percentile(values, 99)).toBe(99);
  expect(report.percentile(values, 100)).toBe(100);
  expect(report.percentile([], 99)).toBeNull();
});

test('the table shows every figure of a window, a dash where there is none', () => {
  const figures = report.windowFigures({
    portal: [1, 2, 3, 400],
    through: [],
    dns: [0.5, 0.7],
    radius: [2, 9],
    requests: 6,
    logins: 1,
    errors: {},
  });
  const text = report.table(
    [
      {
        label: '1.0 min',
        figures,
        processes: { service: { cpu: 12.3, rss: 140.2, fds: 37 } },
        loopP99: 12.5,
        storeMiB: 5.5,
        errors: { 'dns-servfail': 3 },
      },
    ],
    ['service'],
  );
  const [head, , row] = text.split('\n');
  expect(head).toContain('portal p50/p99 ms');
  expect(row).toBe(
    '| 1.0 min | 2.0 / 400.0 | – / – | 0.5 / 0.7 | 9.0 | 6 | 1 | 12 / 140 / 37 | 12.5 | 5.50 | dns-servfail 3 |',
  );
});

test('the plot is an SVG with one memory line per process, a shaded band per fault, and names escaped', () => {
  const samples = series(2, () => 140).map((s) => ({ ...s, 'ecn-dns.rss': 90 }));
  const svg = report.svgPlot({
    samples,
    latency: [{ t: 30_000, p99: { portal: 120, dns: 8, radius: 40, through: 300 } }],
    faults: [{ kind: 'disk-full', at: 60_000, until: 75_000 }],
    processes: ['service', 'ecn-dns'],
    durationMs: 2 * MIN,
    title: 'bench <box> & co',
  });
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg.trim().endsWith('</svg>')).toBe(true);
  expect(svg).toContain('bench &lt;box> &amp; co');
  expect(svg.match(/<path d="M/g)!.length).toBe(2 + 4);
  expect(svg).toContain('>disk-full</text>');
  expect(svg).toContain('>service RSS</text>');
  expect(svg).not.toContain('NaN');
});
