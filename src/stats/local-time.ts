// Days and hours in the space's time zone (Europe/Paris by default): statistics are read by
// people who think in local days, and a session at 23:30 belongs to that evening.

export interface LocalTime {
  day: string; // YYYY-MM-DD
  month: string; // YYYY-MM
  hour: number; // 0..23
  weekday: number; // 1 = Monday … 7 = Sunday
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function localTime(epochMs: number, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  }).formatToParts(new Date(epochMs));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const month = `${get('year')}-${get('month')}`;
  return {
    day: `${month}-${get('day')}`,
    month,
    hour: Number(get('hour')),
    weekday: WEEKDAYS[get('weekday')] ?? 1,
  };
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
