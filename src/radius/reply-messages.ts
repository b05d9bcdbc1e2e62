// Reply-Message texts of an Access-Reject, by error code and language (locales/<lang>/radius.json,
// key `radius.<code>`, else `radius.fallback`). Short and plain: some access points show them to
// the resident as they are. French is the default language.

import type { ErrorCode } from '../domain/errors';
import { LOCALES } from '../i18n/catalogs';
import { LANGUAGES, type Language } from '../domain/languages';
import { mergeAreas, messageFormatter, type Format } from '../i18n/messages';
import { formatDayTime } from '../i18n/format';

export type { Language as ReplyLanguage } from '../domain/languages';

function replies(lang: Language): Format {
  const messages = mergeAreas(LOCALES, lang, (area) => area === 'radius');
  // A code with no text of its own gets the general refusal.
  const format: Format = messageFormatter(lang, messages, () => format('radius.fallback'));
  return format;
}

const FORMATTERS = Object.fromEntries(LANGUAGES.map((l) => [l, replies(l)])) as Readonly<
  Record<Language, Format>
>;

export function replyMessage(code: ErrorCode, lang: Language): string {
  return FORMATTERS[lang](`radius.${code}`);
}

/** The refusal while the space is closed, naming the next opening in the space's time zone. */
export function closedReplyMessage(lang: Language, nextOpening: number | null, timeZone: string): string {
  if (nextOpening === null) return FORMATTERS[lang]('radius.space_closed_no_opening');
  return FORMATTERS[lang]('radius.ECN_ERR_SPACE_CLOSED', {
    time: formatDayTime(lang, nextOpening, timeZone),
  });
}
