// View model of the managers' audit page: each entry as « when, who, what, on what, details »,
// in the reader's language and the space's time zone.

import { intlLocale } from '../../domain/languages';
import type { AuditEntry } from '../../domain/console';
import { isConsoleKey, type ConsoleLanguage, type ConsoleTranslate } from '../i18n';

/**
 * Who acted, as a manager reads it: the account's name, or `ecn (root)` for the box's
 * command run by that Unix user (stored as `system:root`, kept in the cell's title).
 */
export function actorLabel(actor: string): { actor: string; actorId: string | null } {
  return actor.startsWith('system:')
    ? { actor: `ecn (${actor.slice('system:'.length)})`, actorId: actor }
    : { actor, actorId: null };
}

/** The entry's details as « label : value » lines, labels in the reader's language where known. */
function detailLines(t: ConsoleTranslate, e: AuditEntry): string[] {
  return Object.entries(e.details).map(([k, v]) => {
    const key = `audit.detail.${k}`;
    const label = isConsoleKey(key) ? t(key) : k;
    const value = v === null ? '—' : typeof v === 'boolean' ? t(v ? 'audit.yes' : 'audit.no') : String(v);
    return t('audit.detailLine', { label, value });
  });
}

export function auditRows(t: ConsoleTranslate, lang: ConsoleLanguage, timeZone: string, entries: AuditEntry[]) {
  const time = new Intl.DateTimeFormat(intlLocale(lang), {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone,
  });
  return entries.map((e) => ({
    when: time.format(e.at),
    iso: new Date(e.at).toISOString(),
    ...actorLabel(e.actor),
    action: t(`audit.action.${e.action}`),
    target: e.target,
    details: detailLines(t, e),
  }));
}
