// Figures of the box benchmark (bench/box/run.js): percentiles, the per-minute and final tables,
// the growth check on memory and descriptors, and a small SVG plot written by hand. Pure
// functions of the samples, so the unit test can check them without namespaces or root.
'use strict';

/** The p-th percentile (nearest rank) of an array of numbers; null when empty. */
function percentile(values, p) {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function median(values) {
  return percentile(values, 50);
}

/**
 * Growth of one figure over the last half of a run: the median (or the minimum) of the last
 * fifth against that of the fifth that starts at half-time, both after `warmupMs` and after the
 * process's last (re)start. `null` when too few samples are left to say (a restart late in a
 * run). The minimum suits descriptors: connections in flight come and go, a leaked descriptor
 * stays, so the floor rises only with a leak. Returns { from, to, growth }, growth a fraction.
 */
function growthOverLastHalf(samples, key, durationMs, warmupMs, startedAtMs = 0, stat = 'median') {
  const from = Math.max(durationMs / 2, startedAtMs + warmupMs);
  const span = durationMs - from;
  const points = samples.filter((s) => s.t >= from && s[key] !== null && s[key] !== undefined);
  if (span < durationMs / 5 || points.length < 4) return null;
  const fifth = span / 5;
  const early = points.filter((s) => s.t < from + fifth).map((s) => s[key]);
  const late = points.filter((s) => s.t >= durationMs - fifth).map((s) => s[key]);
  if (early.length === 0 || late.length === 0) return null;
  const of = stat === 'min' ? (v) => Math.min(...v) : median;
  const a = of(early);
  const b = of(late);
  return { from: a, to: b, growth: a === 0 ? 0 : (b - a) / a };
}

/**
 * Whether a growth stays within the bound: a few per cent, with a small absolute allowance
 * (a descriptor count of 40 moving to 42 is 5 % and means nothing).
 */
function withinBound(g, fraction, absolute) {
  return g === null || g.to - g.from <= Math.max(g.from * fraction, absolute);
}

const f = (x, digits = 1) =>
  x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(digits);

/** One row of figures for a window of the run (a minute, or the whole run). */
function windowFigures(win) {
  return {
    portal: [percentile(win.portal, 50), percentile(win.portal, 99)],
    through: [percentile(win.through, 50), percentile(win.through, 99)],
    dns: [percentile(win.dns, 50), percentile(win.dns, 99)],
    radius: percentile(win.radius, 99),
    requests: win.requests,
    logins: win.logins,
  };
}

/** A Markdown table: one row per window. */
function table(rows, processes) {
  const head = [
    'time',
    'portal p50/p99 ms',
    'login→through p50/p99 ms',
    'DNS p50/p99 ms',
    'RADIUS p99 ms',
    'requests',
    'logins',
    ...processes.map((p) => `${p} CPU % / RSS MiB / fds`),
    'loop p99 ms',
    'store MiB',
    'errors',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const w = r.figures;
    lines.push(
      `| ${[
        r.label,
        `${f(w.portal[0])} / ${f(w.portal[1])}`,
        `${f(w.through[0], 0)} / ${f(w.through[1], 0)}`,
        `${f(w.dns[0])} / ${f(w.dns[1])}`,
        f(w.radius),
        w.requests,
        w.logins,
        ...processes.map((p) => {
          const x = r.processes[p];
          return x ? `${f(x.cpu, 0)} / ${f(x.rss, 0)} / ${x.fds ?? '–'}` : '–';
        }),
        f(r.loopP99, 1),
        f(r.storeMiB, 2),
        Object.entries(r.errors)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || '0',
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/**
 * The plot: resident memory of each process (left axis, MiB) and the p99 latencies per minute
 * window (right axis, ms, log scale) over the run, with the faults shaded. Plain SVG, no library.
 */
function svgPlot({ samples: allSamples, latency: allLatency, faults, processes, durationMs, title }) {
  // What comes after the run's end (the final checks) is left out of the picture.
  const samples = allSamples.filter((s) => s.t <= durationMs);
  const latency = allLatency.filter((w) => w.t <= durationMs);
  const W = 900;
  const H = 440;
  const L = 60;
  const R = 70;
  const T = 40;
  const B = 80;
  const pw = W - L - R;
  const ph = H - T - B;
  const x = (ms) => L + (ms / durationMs) * pw;
  const colors = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b'];
  const latColors = { portal: '#ff7f0e', dns: '#17becf', radius: '#7f7f7f', through: '#bcbd22' };
  const maxRss = Math.max(16, ...samples.flatMap((s) => processes.map((p) => s[`${p}.rss`] ?? 0))) * 1.1;
  const yRss = (v) => T + ph - (v / maxRss) * ph;
  const lat = latency.flatMap((w) => Object.values(w.p99).filter((v) => v !== null && v > 0));
  const lo = Math.log10(Math.max(0.1, Math.min(1, ...lat)));
  const hi = Math.log10(Math.max(10, ...lat)) + 0.1;
  const yLat = (v) => T + ph - ((Math.log10(Math.max(v, 0.1)) - lo) / (hi - lo)) * ph;
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const out = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(`<text x="${L}" y="20" font-size="13">${esc(title)}</text>`);
  for (const fault of faults) {
    const x0 = x(fault.at);
    const x1 = Math.max(x0 + 2, x(fault.until ?? fault.at));
    out.push(
      `<rect x="${x0.toFixed(1)}" y="${T}" width="${(x1 - x0).toFixed(1)}" height="${ph}" fill="#f2dede"/>`,
    );
    out.push(
      `<text x="${(x0 + 2).toFixed(1)}" y="${T + 12}" fill="#a94442" font-size="10">${esc(fault.kind)}</text>`,
    );
  }
  out.push(`<rect x="${L}" y="${T}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`);
  for (let k = 0; k <= 4; k++) {
    const v = (maxRss / 4) * k;
    out.push(`<text x="${L - 6}" y="${yRss(v) + 4}" text-anchor="end">${v.toFixed(0)}</text>`);
  }
  for (let e = Math.ceil(lo); e <= Math.floor(hi); e++) {
    const y = yLat(10 ** e);
    out.push(`<line x1="${L}" x2="${L + pw}" y1="${y}" y2="${y}" stroke="#eee"/>`);
    out.push(`<text x="${L + pw + 6}" y="${y + 4}">${10 ** e}</text>`);
  }
  const minutes = Math.floor(durationMs / 60000);
  for (let m = 0; m <= minutes; m++) {
    out.push(`<text x="${x(m * 60000)}" y="${T + ph + 16}" text-anchor="middle">${m}</text>`);
  }
  out.push(`<text x="${L + pw / 2}" y="${T + ph + 30}" text-anchor="middle">minutes</text>`);
  out.push(
    `<text x="14" y="${T + ph / 2}" transform="rotate(-90 14 ${T + ph / 2})" text-anchor="middle">RSS (MiB, lines)</text>`,
  );
  out.push(
    `<text x="${W - 12}" y="${T + ph / 2}" transform="rotate(90 ${W - 12} ${T + ph / 2})" text-anchor="middle">p99 (ms, log, dots)</text>`,
  );
  processes.forEach((p, i) => {
    const pts = samples.filter((s) => s[`${p}.rss`] !== null && s[`${p}.rss`] !== undefined);
    if (pts.length === 0) return;
    const d = pts
      .map((s, k) => `${k ? 'L' : 'M'}${x(s.t).toFixed(1)},${yRss(s[`${p}.rss`]).toFixed(1)}`)
      .join('');
    out.push(`<path d="${d}" fill="none" stroke="${colors[i % colors.length]}" stroke-width="1.5"/>`);
  });
  for (const [k, color] of Object.entries(latColors)) {
    const pts = latency.filter((w) => w.p99[k] !== null && w.p99[k] !== undefined);
    if (pts.length === 0) continue;
    const d = pts.map((w, i) => `${i ? 'L' : 'M'}${x(w.t).toFixed(1)},${yLat(w.p99[k]).toFixed(1)}`).join('');
    out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-dasharray="4 3"/>`);
    for (const w of pts)
      out.push(
        `<circle cx="${x(w.t).toFixed(1)}" cy="${yLat(w.p99[k]).toFixed(1)}" r="2.5" fill="${color}"/>`,
      );
  }
  const legend = [
    ...processes.map((p, i) => [`${p} RSS`, colors[i % colors.length]]),
    ...Object.entries(latColors).map(([k, c]) => [`${k} p99`, c]),
  ];
  legend.forEach(([label, color], i) => {
    const lx = L + (i % 5) * 160;
    const ly = H - 20 + Math.floor(i / 5) * 14;
    out.push(`<rect x="${lx}" y="${ly - 8}" width="12" height="3" fill="${color}"/>`);
    out.push(`<text x="${lx + 16}" y="${ly - 4}">${esc(label)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

module.exports = { percentile, median, growthOverLastHalf, withinBound, windowFigures, table, svgPlot };
