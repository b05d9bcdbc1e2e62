// The managers' filtering page: which categories are blocked, the names the space always allows
// or blocks, and the state of the table in force. A change is checked, stored, audited, then
// applied: the own lists through `custom.json` (the DNS process reloads it within a second),
// the categories by a table rebuild in the background (one at a time).

import type { Express, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { domainToUnicode } from 'node:url';
import { isEcnError } from '../../domain/errors';
import type { FilterChoices } from '../../domain/console';
import { writeCustomLists } from '../../filter/custom-lists';
import { MAX_CATEGORIES } from '../../filter/name-table';
import { normalizeName } from '../../filter/normalize';
import { readTableMeta } from '../../filter/table-file';
import { recordAudit } from '../audit';
import { page, renderPage, type SignedIn } from '../context';
import type { ConsoleDeps } from '../deps';
import { isConsoleKey, type ConsoleTranslate } from '../i18n';
import { refuse, type Form } from '../settings/validate';
import { settingsErrorText } from './settings';
import { intlLocale, type ConsoleLanguage } from '../../domain/languages';

/** Names per own list; a longer list belongs in a list source of the configuration. */
export const MAX_OWN_NAMES = 2000;

/** Common UT1 categories (folder names) offered to managers, in the order shown. */
export const COMMON_CATEGORIES = [
  'adult',
  'mixed_adult',
  'lingerie',
  'dating',
  'agressif',
  'violence',
  'dangerous_material',
  'drogue',
  'sect',
  'gambling',
  'arjel',
  'games',
  'chat',
  'social_networks',
  'malware',
  'phishing',
  'cryptojacking',
  'stalkerware',
  'hacking',
  'ddos',
  'remote-control',
  'warez',
  'tricheur',
  'publicite',
  'marketingware',
  'redirector',
  'vpn',
  'doh',
] as const;

const NOTICES = { saved: 'filter.saved', rebuild: 'filter.savedRebuild' } as const;

/** The bad lines shown in a refusal, at most this many (the rest are summed up as "…"). */
const SHOWN_BAD = 10;

export function registerFilter(app: Express, deps: ConsoleDeps): void {
  const live = deps.spaceSettings;
  const { settings: fs, rebuilder } = deps.filter;

  /** Categories a manager may block: the common UT1 ones, the configured and `list` ones. */
  const offered = (): string[] => {
    const all = new Set<string>(COMMON_CATEGORIES);
    for (const c of live.defaults.filter.categories) all.add(c);
    for (const s of fs.build.sources) if (s.kind === 'list' && s.category) all.add(s.category);
    for (const c of live.current().filter.categories) all.add(c);
    return [...all];
  };

  const describe = (t: ConsoleTranslate, name: string): string => {
    const key = `filter.cat.${name}`;
    return isConsoleKey(key) ? t(key) : t('filter.categories.other');
  };

  const when = (lang: ConsoleLanguage, ms: number) =>
    new Intl.DateTimeFormat(intlLocale(lang), {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: deps.settings.timeZone,
    }).format(ms);

  /** What the page says about the table in force and the rebuild. */
  const status = (ctx: SignedIn) => {
    const t = ctx.t;
    const number = (n: number) => n.toLocaleString(intlLocale(ctx.lang));
    const lines: string[] = [];
    let table;
    if (!existsSync(fs.tableFile)) lines.push(t('filter.status.none'));
    else {
      try {
        table = readTableMeta(fs.tableFile);
      } catch (err) {
        ctx.log.warn({ err }, 'filter table metadata not readable');
        lines.push(t('filter.status.unreadable'));
      }
    }
    if (table) {
      const builtAt = Date.parse(table.meta.builtAt);
      lines.push(
        t('filter.status.built', {
          date: Number.isFinite(builtAt) ? when(ctx.lang, builtAt) : table.meta.builtAt,
          names: number(table.names),
        }),
      );
      const blocked = table.meta.categories.filter((c) => c.role === 'block').map((c) => c.name);
      lines.push(
        t('filter.status.blocked', {
          categories: blocked.length ? blocked.join(', ') : t('filter.status.noCategories'),
        }),
      );
      const found = new Set(table.meta.sources.map((s) => s.category));
      const missing = blocked.filter((c) => !found.has(c));
      if (missing.length) lines.push(t('filter.status.missing', { categories: missing.join(', ') }));
    }
    const last = rebuilder.last;
    return {
      lines,
      running: rebuilder.busy,
      last: last
        ? last.ok
          ? t('filter.status.lastOk', { date: when(ctx.lang, last.at), names: number(last.names) })
          : t('filter.status.lastFailed', { date: when(ctx.lang, last.at), message: last.message })
        : null,
      lastFailed: last ? !last.ok : false,
    };
  };

  const show = (
    req: Request,
    res: Response,
    ctx: SignedIn,
    extra: { error?: unknown; input?: { categories: string[]; allow: string; block: string } } = {},
  ) => {
    const v = live.current().filter;
    const input = extra.input ?? {
      categories: v.categories,
      // Stored in their ASCII (xn--) form; shown as the manager typed them.
      allow: v.allow.map((n) => domainToUnicode(n) || n).join('\n'),
      block: v.block.map((n) => domainToUnicode(n) || n).join('\n'),
    };
    const msg = typeof req.query.msg === 'string' ? req.query.msg : '';
    const chosen = new Set(input.categories);
    return renderPage(
      deps,
      req,
      res,
      'filter',
      ctx.t('filter.title'),
      {
        notice: msg in NOTICES ? ctx.t(NOTICES[msg as keyof typeof NOTICES]) : null,
        error: extra.error ? settingsErrorText(ctx.t, extra.error) : null,
        field: extra.error && isEcnError(extra.error) ? (extra.error.details.field ?? null) : null,
        categories: offered().map((name) => ({
          name,
          description: describe(ctx.t, name),
          checked: chosen.has(name),
        })),
        allow: input.allow,
        block: input.block,
        max: MAX_OWN_NAMES,
        // Said in both cases: unblocked DNS-over-HTTPS resolvers let any browser skip the filter.
        dohBlocked: v.categories.includes('doh'),
        status: status(ctx),
      },
      extra.error ? 400 : 200,
    );
  };

  app.get(
    '/filter',
    page('settings.write', (req, res, ctx) => show(req, res, ctx)),
  );

  app.post(
    '/filter',
    page('settings.write', async (req, res, ctx) => {
      const form = (req.body ?? {}) as Form;
      const input = {
        categories: listOf(form.categories),
        allow: typeof form.allow === 'string' ? form.allow.slice(0, 200_000) : '',
        block: typeof form.block === 'string' ? form.block.slice(0, 200_000) : '',
      };
      let next: FilterChoices;
      try {
        next = parseChoices(input, offered(), fs.build.allowCategories);
      } catch (err) {
        if (!isEcnError(err) || err.code !== 'ECN_ERR_SETTINGS_INVALID') throw err;
        ctx.log.info({ errorCode: err.code, field: err.details.field }, 'filter change refused');
        return show(req, res, ctx, { error: err, input });
      }
      const before = live.current().filter;
      const added = next.categories.filter((c) => !before.categories.includes(c));
      const removed = before.categories.filter((c) => !next.categories.includes(c));
      await live.save(ctx.user.username, (current) => ({ ...current, filter: next }));
      await recordAudit(deps.services, ctx.user.username, 'settings.changed', 'filter', {
        categoriesAdded: added.join(', ') || null,
        categoriesRemoved: removed.join(', ') || null,
        allow: next.allow.length,
        block: next.block.length,
      });
      // The DNS process watches this file and swaps its own lists in within a second.
      writeCustomLists(fs.customFile, { allow: next.allow, block: next.block });
      // Also when the table in force was built with other categories (a rebuild that failed or
      // was cut short by a restart): saving again is how a manager retries.
      const rebuild = added.length > 0 || removed.length > 0 || tableDiffers(fs.tableFile, next.categories);
      if (rebuild) rebuilder.request(next.categories);
      return res.redirect(303, `/filter?msg=${rebuild ? 'rebuild' : 'saved'}`);
    }),
  );
}

/** Whether the table file exists and blocks other categories than these. */
function tableDiffers(tableFile: string, categories: readonly string[]): boolean {
  if (!existsSync(tableFile)) return false;
  try {
    const blocked = readTableMeta(tableFile)
      .meta.categories.filter((c) => c.role === 'block')
      .map((c) => c.name);
    return blocked.length !== categories.length || blocked.some((c) => !categories.includes(c));
  } catch {
    return true;
  }
}

function listOf(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Checks the form; throws ECN_ERR_SETTINGS_INVALID naming the field and the sentence. */
export function parseChoices(
  input: { categories: string[]; allow: string; block: string },
  offered: readonly string[],
  allowCategories: readonly string[],
): FilterChoices {
  const categories = [...new Set(input.categories)];
  if (categories.some((c) => !offered.includes(c))) refuse('filter-categories', 'filter.err.category');
  const slots = MAX_CATEGORIES - allowCategories.filter((c) => !categories.includes(c)).length;
  if (categories.length > slots) refuse('filter-categories', 'filter.err.tooManyCategories', { max: slots });
  // Keeps the order of the offered list: the table numbers categories in that order.
  categories.sort((a, b) => offered.indexOf(a) - offered.indexOf(b));
  const allow = names(input.allow, 'filter-allow');
  const block = names(input.block, 'filter-block');
  const blocked = new Set(block);
  const both = allow.filter((n) => blocked.has(n));
  if (both.length) refuse('filter-block', 'filter.err.both', { names: shown(both) });
  return { categories, allow, block };
}

function names(text: string, field: string): string[] {
  const out = new Set<string>();
  const bad: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const n = normalizeName(line);
    if (n === null) bad.push(line.length > 80 ? `${line.slice(0, 80)}…` : line);
    else out.add(n);
  }
  if (bad.length) refuse(field, 'filter.err.badNames', { lines: shown(bad.map((l) => `« ${l} »`)) });
  if (out.size > MAX_OWN_NAMES) refuse(field, 'filter.err.tooMany', { max: MAX_OWN_NAMES, count: out.size });
  return [...out];
}

function shown(items: string[]): string {
  return items.length > SHOWN_BAD ? `${items.slice(0, SHOWN_BAD).join(', ')}, …` : items.join(', ');
}
