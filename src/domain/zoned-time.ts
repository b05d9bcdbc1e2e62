// Local wall-clock times of the space (what staff type in a datetime-local field, or an ISO time
// without offset on the command line) to UTC instants. Pure: Intl only, no I/O.

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
/** An ISO-8601 time that names its own offset (Z or ±hh:mm): no zone needed. */
const OFFSET_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 24 * 3600 * 1000;

/** Offset of the zone from UTC at an instant, in ms (Paris in winter: +3 600 000). */
function offsetAt(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/**
 * `2026-11-28T10:00` in the zone → epoch ms, or NaN when unreadable. Clock-change nights: the
 * offsets a day before and a day after are the only two candidates; a time that exists twice
 * (autumn) is the first one, a time skipped (spring, 02:30 in Paris) is read with the offset
 * before the change, i.e. an hour later on the clock (03:30), as the clocks themselves do.
 */
export function zonedToUtc(local: string, timeZone: string): number {
  const m = LOCAL_RE.exec(local.trim());
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(wall).getUTCMonth() !== mo - 1 || h > 23 || mi > 59 || s > 59) return NaN;
  const before = wall - offsetAt(wall - DAY_MS, timeZone);
  const after = wall - offsetAt(wall + DAY_MS, timeZone);
  const exists = [before, after].filter((c) => c + offsetAt(c, timeZone) === wall);
  return exists.length > 0 ? Math.min(...exists) : before;
}

/**
 * A time typed by staff: ISO-8601 with an offset is taken as it is; without one (or from a
 * datetime-local field) it is the space's wall-clock time. NaN when unreadable.
 */
export function readStaffTime(text: string, timeZone: string): number {
  const v = text.trim();
  if (OFFSET_RE.test(v)) return Date.parse(v);
  return zonedToUtc(v, timeZone);
}
