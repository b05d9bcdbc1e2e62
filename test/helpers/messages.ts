// The catalog texts tests look for, formatted by the app's own formatters (ICU plurals, the
// isolation of Latin values in Arabic) from the keys of src/i18n/keys.generated.ts: a test
// asserts a key, so a translator rewording locales/ never breaks it, and a key that no longer
// exists, or a placeholder that changed its name, fails the type check.

import type { ConsoleLanguage, Language } from '../../src/domain/languages';
import type {
  ChartPlaceholders,
  ConsolePlaceholders,
  PortalPlaceholders,
  PrintPlaceholders,
} from '../../src/i18n/keys.generated';
import { translator } from '../../src/portal/i18n';
import { consoleTranslator } from '../../src/console/i18n';
import { chartText } from '../../src/console/i18n/charts';
import { printTranslator } from '../../src/documents/print/print-translate';
import { translator as setupTranslator, type SetupLanguage } from '../../src/cli/setup/messages';
import { escapeHtml } from './http';

/** The values a message reads, by name: a placeholder the catalog lacks is a type error. */
export type VarsOf<P, K extends keyof P> = Readonly<Partial<Record<P[K] & string, string | number>>>;

const plain = (vars?: Readonly<Partial<Record<string, string | number>>>) =>
  vars as Record<string, string | number> | undefined;

/** A resident-facing message (the `portal-*` areas), as the portal formats it. */
export function msg<K extends keyof PortalPlaceholders>(
  lang: Language,
  key: K,
  vars?: VarsOf<PortalPlaceholders, K>,
): string {
  return translator(lang)(key, vars);
}

/** The same, as `<%= %>` writes it into a page. */
export function msgHtml<K extends keyof PortalPlaceholders>(
  lang: Language,
  key: K,
  vars?: VarsOf<PortalPlaceholders, K>,
): string {
  return escapeHtml(msg(lang, key, vars));
}

/** A staff-facing message (the `console-*`, `print` and `charts` areas), as the console formats it. */
export function consoleMsg<K extends keyof ConsolePlaceholders>(
  lang: ConsoleLanguage,
  key: K,
  vars?: VarsOf<ConsolePlaceholders, K>,
): string {
  return consoleTranslator(lang)(key, vars);
}

/** The same, as `<%= %>` writes it into a console page. */
export function consoleMsgHtml<K extends keyof ConsolePlaceholders>(
  lang: ConsoleLanguage,
  key: K,
  vars?: VarsOf<ConsolePlaceholders, K>,
): string {
  return escapeHtml(consoleMsg(lang, key, vars));
}

/** A text of the printed tickets (locales/<lang>/print.json), as the PDF writer formats it. */
export function printMsg<K extends keyof PrintPlaceholders>(
  lang: ConsoleLanguage,
  key: K,
  vars?: VarsOf<PrintPlaceholders, K>,
): string {
  return printTranslator(lang)(key, plain(vars));
}

/** A text of the charts and the monthly report (locales/<lang>/charts.json). */
export function chartMsg<K extends keyof ChartPlaceholders>(
  lang: ConsoleLanguage,
  key: K,
  vars?: VarsOf<ChartPlaceholders, K>,
): string {
  return chartText(lang, key, plain(vars));
}

/** What `ecn setup` says (src/cli/setup/messages.ts, its own catalog), as it says it. */
export function setupMsg(
  lang: SetupLanguage,
  key: Parameters<ReturnType<typeof setupTranslator>>[0],
  vars?: Readonly<Record<string, string | number>>,
): string {
  return setupTranslator(lang)(key, vars);
}

/**
 * The fixed pieces of a message formatted without some of its values (left as `{name}`): what a
 * test asserts when it cannot know a value, such as the date of a failure or its cause.
 */
export function fixedParts(text: string): string[] {
  return text
    .split(/\{\w+\}/)
    .map((s) => s.trim())
    .filter(Boolean);
}
