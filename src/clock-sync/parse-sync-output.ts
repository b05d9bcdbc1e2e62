// Pure readers of what the system's time tools print, one per source. Anything they do not
// recognise is `unknown`: an unreadable answer must never pass for a synchronised clock.

import type { ClockSyncState } from '../domain/clock-sync';

export interface ParsedSync {
  state: ClockSyncState;
  detail: string;
}

const unknown = (detail: string): ParsedSync => ({ state: 'unknown', detail });

/** Keeps a detail short and on one line (it goes to logs and to the journal). */
export function shortDetail(text: string, max = 120): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}

/**
 * `timedatectl show -p NTPSynchronized --value`: `yes` or `no`. systemd-timedated answers
 * from the kernel's own flag (adjtimex(2) STA_UNSYNC), whichever NTP client sets the clock.
 * The same yes/no answer is what a `command` source prints.
 */
export function parseYesNo(stdout: string): ParsedSync {
  const answer = stdout.trim().toLowerCase();
  if (answer === 'yes') return { state: 'synchronised', detail: 'NTPSynchronized=yes' };
  if (answer === 'no') return { state: 'unsynchronised', detail: 'NTPSynchronized=no' };
  return unknown(`unexpected answer: ${shortDetail(stdout) || '(empty)'}`);
}

/**
 * `chronyc tracking`: the "Leap status" line. `Normal`, `Insert second` and `Delete second`
 * are said only by a synchronised chronyd; `Not synchronised` is the opposite.
 */
export function parseChronycTracking(stdout: string): ParsedSync {
  const m = /^Leap status\s*:\s*(.+?)\s*$/m.exec(stdout);
  if (!m) return unknown(`no leap status: ${shortDetail(stdout) || '(empty)'}`);
  const leap = m[1]!;
  if (/^not synchroni[sz]ed$/i.test(leap)) return { state: 'unsynchronised', detail: `leap status ${leap}` };
  if (/^(normal|insert second|delete second)$/i.test(leap)) {
    return { state: 'synchronised', detail: `leap status ${leap}` };
  }
  return unknown(`leap status ${shortDetail(leap)}`);
}

/** adjtimex(2) status bit: the kernel's clock is not synchronised (include/uapi/linux/timex.h). */
const STA_UNSYNC = 0x0040;

/** `adjtimex --print` (Debian's adjtimex package): the kernel's status word, read without changing it. */
export function parseAdjtimexPrint(stdout: string): ParsedSync {
  const m = /^\s*status:\s*(\d+)\s*$/m.exec(stdout);
  if (!m) return unknown(`no status word: ${shortDetail(stdout) || '(empty)'}`);
  const status = Number(m[1]);
  return status & STA_UNSYNC
    ? { state: 'unsynchronised', detail: `kernel status ${status} (STA_UNSYNC)` }
    : { state: 'synchronised', detail: `kernel status ${status}` };
}
