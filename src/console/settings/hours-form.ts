// Issue #15, item 1: the settings page's opening-hours form, read with the domain's own parser
// (the same rules as the configuration file). A refusal names its field; a new closure that
// covers today is refused, since it would cut off the residents connected now.

import { EcnError, isEcnError } from '../../domain/errors';
import type { HoursText } from '../../domain/console';
import {
  WEEKDAYS,
  formatClosure,
  formatRange,
  parseClosure,
  parseDay,
  refuseClosureCoveringToday,
} from '../../domain/opening-hours';

type Form = Record<string, unknown>;

const field = (form: Form, name: string, max: number) =>
  typeof form[name] === 'string' ? (form[name] as string).slice(0, max) : '';

/** Names the form field a domain refusal is about, keeping its code and message. */
function onField(err: unknown, name: string): never {
  if (!isEcnError(err)) throw err;
  throw new EcnError(err.code, err.message, { ...err.details, field: name });
}

/** `09:00-12:00, 14:00-18:00` per weekday and one closure per line → the hours to save. */
export function readHoursForm(form: Form, current: HoursText, now: number, timeZone: string): HoursText {
  const openingHours: HoursText['openingHours'] = {};
  for (const d of WEEKDAYS) {
    const ranges = field(form, d, 200)
      .split(/[,;\s]+/)
      .filter((r) => r !== '');
    try {
      openingHours[d] = parseDay(d, ranges).map(formatRange);
    } catch (err) {
      onField(err, `hours-${d}`);
    }
  }
  const lines = field(form, 'closures', 4000)
    .split(/[\n,;]+/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const closures = [];
  for (const line of lines) {
    try {
      closures.push(parseClosure(line));
    } catch (err) {
      onField(err, 'hours-closures');
    }
  }
  const known = new Set(current.closures);
  try {
    refuseClosureCoveringToday(
      closures.filter((c) => !known.has(formatClosure(c))),
      now,
      timeZone,
    );
  } catch (err) {
    onField(err, 'hours-closures');
  }
  return { openingHours, closures: closures.map(formatClosure) };
}

/** The form's values from the hours in force. */
export function hoursFormValues(h: HoursText): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of WEEKDAYS) out[d] = (h.openingHours[d] ?? []).join(', ');
  out.closures = h.closures.join('\n');
  return out;
}
