// The managers' filtering page: which categories are blocked, the names the space always allows
// or blocks, and the state of the table in force. A change is checked, stored, audited, then
// applied: the own lists through `custom.json` (the DNS process reloads it within a second),
// the categories by a table rebuild in the background (one at a time).

import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { existsSync } from 'node:fs';
import { domainToUnicode } from 'node:url';
import { isEcnError } from '../../domain/errors';
import type { FilterChoices } from '../../domain/console';
import { writeCustomLists } from '../../filter/custom-lists';
import { MAX_CATEGORIES } from '../../filter/name-table';
import { normalizeName } from '../../filter/normalize';
import { readTableMeta } from '../../filter/table-file';
import { staff } from '../../services/audit-trail';
import { saveFilterChoicesAs } from '../../services/staff-filter';
import { formatNumber } from '../../i18n/format';
import { page, renderPage, type PageHandler, type SignedIn } from '../context';
import { parseForm, textField } from '../forms';
import type { ConsoleDeps } from '../deps';
import { isConsoleKey, type ConsoleTranslate } from '../i18n';
import { refuse } from '../settings/validate';
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

/** Category values a form may send (more than any offered list; the form parser takes at most 200 fields). */
const MAX_FORM_CATEGORIES = 100;

/** The bad lines shown in a refusal, at most this many (the rest are summed up as "…"). */
const SHOWN_BAD = 10;

/** The filter form read at the edge: categories (one value per box ticked), the two lists. */
const filterSchema = z.object({
  categories: z
    .union([z.string().max(100), z.array(z.string().max(100)).max(MAX_FORM_CATEGORIES)])
    .default([])
    .transform((v) => (typeof v === 'string' ? [v] : v)),
  allow: textField(200_000),
  block: textField(200_000),
});
type FilterForm = z.output<typeof filterSchema>;

/** The refusal a malformed field gets, on that field (nothing is changed). */
const MALFORMED: Record<keyof FilterForm, () => never> = {
  categories: () => refuse('filter-categories', 'filter.err.category'),
  allow: () => refuse('filter-allow', 'filter.err.list'),
  block: () => refuse('filter-block', 'filter.err.list'),
};

/** What was typed, shown back in a refused form (text values only). */
function typedBack(body: Record<string, unknown>): FilterForm {
  const list = (v: unknown) => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200_000) : '');
  return {
    categories: list(body.categories).slice(0, MAX_FORM_CATEGORIES),
    allow: text(body.allow),
    block: text(body.block),
  };
}

export function registerFilter(app: Express, deps: ConsoleDeps): void {
  app.get(
    '/filter',
    page('settings.write', (req, res, ctx) => filterPage(deps, req, res, ctx)),
  );
  app.post('/filter', page('settings.write', saveFilter(deps)));
}

/** Categories a manager may block: the common UT1 ones, the configured and `list` ones. */
function offeredCategories(deps: ConsoleDeps): string[] {
  const live = deps.spaceSettings;
  const all = new Set<string>(COMMON_CATEGORIES);
  for (const c of live.defaults.filter.categories) all.add(c);
  for (const s of deps.filter.settings.build.sources)
    if (s.kind === 'list' && s.category) all.add(s.category);
  for (const c of live.current().filter.categories) all.add(c);
  return [...all];
}

function categoryText(t: ConsoleTranslate, name: string): string {
  const key = `filter.cat.${name}`;
  return isConsoleKey(key) ? t(key) : t('filter.categories.other');
}

function whenText(deps: ConsoleDeps, lang: ConsoleLanguage, ms: number): string {
  return new Intl.DateTimeFormat(intlLocale(lang), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: deps.settings.timeZone,
  }).format(ms);
}

/** The lines about the table in force: built when, how many names, what it blocks. */
function tableLines(deps: ConsoleDeps, ctx: SignedIn): string[] {
  const { t } = ctx;
  const tableFile = deps.filter.settings.tableFile;
  if (!existsSync(tableFile)) return [t('filter.status.none')];
  let table;
  try {
    table = readTableMeta(tableFile);
  } catch (err) {
    ctx.log.warn({ err }, 'filter table metadata not readable');
    return [t('filter.status.unreadable')];
  }
  const builtAt = Date.parse(table.meta.builtAt);
  const blocked = table.meta.categories.filter((c) => c.role === 'block').map((c) => c.name);
  const found = new Set(table.meta.sources.map((s) => s.category));
  const missing = blocked.filter((c) => !found.has(c));
  return [
    t('filter.status.built', {
      date: Number.isFinite(builtAt) ? whenText(deps, ctx.lang, builtAt) : table.meta.builtAt,
      names: formatNumber(ctx.lang, table.names),
    }),
    t('filter.status.blocked', {
      categories: blocked.length ? blocked.join(', ') : t('filter.status.noCategories'),
    }),
    ...(missing.length ? [t('filter.status.missing', { categories: missing.join(', ') })] : []),
  ];
}

/** What the page says about the table in force and the rebuild. */
function tableStatus(deps: ConsoleDeps, ctx: SignedIn) {
  const { t } = ctx;
  const { rebuilder } = deps.filter;
  const last = rebuilder.last;
  const date = last ? whenText(deps, ctx.lang, last.at) : '';
  return {
    lines: tableLines(deps, ctx),
    running: rebuilder.busy,
    last: last
      ? last.ok
        ? t('filter.status.lastOk', { date, names: formatNumber(ctx.lang, last.names) })
        : t('filter.status.lastFailed', { date, message: last.message })
      : null,
    lastFailed: last ? !last.ok : false,
  };
}

/** The page: the choices in force (or those typed, when refused) and the table's state. */
function filterPage(
  deps: ConsoleDeps,
  req: Request,
  res: Response,
  ctx: SignedIn,
  extra: { error?: unknown; input?: FilterForm } = {},
) {
  const v = deps.spaceSettings.current().filter;
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
      categories: offeredCategories(deps).map((name) => ({
        name,
        description: categoryText(ctx.t, name),
        checked: chosen.has(name),
      })),
      allow: input.allow,
      block: input.block,
      max: MAX_OWN_NAMES,
      // Said in both cases: unblocked DNS-over-HTTPS resolvers let any browser skip the filter.
      dohBlocked: v.categories.includes('doh'),
      status: tableStatus(deps, ctx),
    },
    extra.error ? 400 : 200,
  );
}

/** The form read and checked; a refusal (ECN_ERR_SETTINGS_INVALID) names its field. */
function readChoices(deps: ConsoleDeps, body: Record<string, unknown>): FilterChoices {
  const parsed = parseForm(filterSchema, body, MALFORMED, MALFORMED.categories);
  if (!parsed.ok) return parsed.message;
  return parseChoices(parsed.value, offeredCategories(deps), deps.filter.settings.build.allowCategories);
}

/** POST /filter: checked, stored and audited, then the DNS process's lists and the rebuild. */
function saveFilter(deps: ConsoleDeps): PageHandler {
  const { settings: fs, rebuilder } = deps.filter;
  return async (req, res, ctx) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    let next: FilterChoices;
    try {
      next = readChoices(deps, body);
    } catch (err) {
      if (!isEcnError(err) || err.code !== 'ECN_ERR_SETTINGS_INVALID') throw err;
      ctx.log.info({ errorCode: err.code, field: err.details.field }, 'filter change refused');
      return filterPage(deps, req, res, ctx, { error: err, input: typedBack(body) });
    }
    const { added, removed } = await saveFilterChoicesAs(
      deps.services,
      deps.spaceSettings,
      staff(ctx.user.username),
      next,
    );
    // The DNS process watches this file and swaps its own lists in within a second.
    writeCustomLists(fs.customFile, { allow: next.allow, block: next.block });
    // Also when the table in force was built with other categories (a rebuild that failed or
    // was cut short by a restart): saving again is how a manager retries.
    const rebuild = added.length > 0 || removed.length > 0 || tableDiffers(fs.tableFile, next.categories);
    if (rebuild) rebuilder.request(next.categories);
    return res.redirect(303, `/filter?msg=${rebuild ? 'rebuild' : 'saved'}`);
  };
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
