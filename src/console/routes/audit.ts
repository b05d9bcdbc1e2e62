// The managers' audit page: the console's trail, newest first, filtered by action and paged
// by time (`before=`). Read-only: no route changes it (and the embedded store refuses to).

import type { Express } from 'express';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../../domain/console';
import { page, renderPage } from '../context';
import type { ConsoleDeps } from '../deps';
import { isConsoleKey, type ConsoleTranslate } from '../i18n';
import { intlLocale } from '../../i18n/languages';

const PAGE_SIZE = 50;

function isAction(s: unknown): s is AuditAction {
  return typeof s === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(s);
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

export function registerAudit(app: Express, deps: ConsoleDeps): void {
  app.get(
    '/audit',
    page('audit.read', async (req, res, ctx) => {
      const action = isAction(req.query.action) ? req.query.action : undefined;
      const rawBefore = typeof req.query.before === 'string' ? req.query.before : '';
      const before = /^\d{1,15}$/.test(rawBefore) ? Number(rawBefore) : undefined;
      const found = await deps.services.store.listAudit({ limit: PAGE_SIZE + 1, before, action });
      const entries = found.slice(0, PAGE_SIZE);
      const time = new Intl.DateTimeFormat(intlLocale(ctx.lang), {
        dateStyle: 'medium',
        timeStyle: 'medium',
        timeZone: deps.settings.timeZone,
      });
      const query = (extra: Record<string, string>) =>
        '/audit?' + new URLSearchParams({ ...(action ? { action } : {}), ...extra }).toString();
      return renderPage(deps, req, res, 'audit', ctx.t('audit.title'), {
        actions: AUDIT_ACTIONS,
        action: action ?? '',
        paged: before !== undefined,
        rows: entries.map((e) => ({
          when: time.format(e.at),
          iso: new Date(e.at).toISOString(),
          actor: e.actor,
          action: ctx.t(`audit.action.${e.action}`),
          target: e.target,
          details: detailLines(ctx.t, e),
        })),
        older: found.length > PAGE_SIZE ? query({ before: String(entries.at(-1)!.at) }) : null,
        newest: query({}),
      });
    }),
  );
}
