// Issue #15, item 8: the settings page's form of useful links. Each row is a label and an https
// address to a public site; a refusal names the row's own field and says what is wrong, and
// nothing is written. Empty rows are skipped, so a link is removed by emptying its row. A row's
// box "accessible avant la connexion" (`before-0` …) opens its site to captive clients too
// (the walled garden, src/services/walled-garden.ts); a box ticked on an empty row means nothing.

import { isPublicHost } from '../../domain/public-address';
import { LINK_LABEL_LANGUAGES, LINK_LABEL_MAX, LINKS_MAX, type SpaceLink } from '../../domain/console';
import type { ConsoleKey } from '../i18n';
import { refuse, type Form } from './validate';

const URL_MAX = 2000;

const field = (form: Form, name: string, max: number): string =>
  typeof form[name] === 'string' ? (form[name] as string).slice(0, max).trim() : '';

/**
 * The links from the form's rows `label-0`/`url-0` … `label-7`/`url-7`, checked in order; a
 * row's optional labels in the other languages are `label-0-en`, `label-0-fr-falc`, `label-0-ar`.
 */
export function readLinksForm(form: Form): SpaceLink[] {
  const links: SpaceLink[] = [];
  for (let i = 0; i < LINKS_MAX; i++) {
    const n = i + 1;
    const label = field(form, `label-${i}`, 500).replace(/\s+/g, ' ');
    const url = field(form, `url-${i}`, URL_MAX + 1);
    const labels: SpaceLink['labels'] = {};
    for (const lang of LINK_LABEL_LANGUAGES) {
      const own = field(form, `label-${i}-${lang}`, 500).replace(/\s+/g, ' ');
      if (own) labels[lang] = own;
    }
    if (!label && !url && Object.keys(labels).length === 0) continue;
    if (!label) refuse(`links-label-${i}`, 'settings.err.linkLabelMissing', { n });
    if (label.length > LINK_LABEL_MAX)
      refuse(`links-label-${i}`, 'settings.err.linkLabelLong', { n, max: LINK_LABEL_MAX });
    for (const lang of LINK_LABEL_LANGUAGES) {
      if ((labels[lang]?.length ?? 0) > LINK_LABEL_MAX)
        refuse(`links-label-${i}-${lang}`, 'settings.err.linkLabelLong', { n, max: LINK_LABEL_MAX });
    }
    if (!url) refuse(`links-url-${i}`, 'settings.err.linkUrlMissing', { n });
    const link: SpaceLink = { label, url: checkLinkUrl(url, `links-url-${i}`, n) };
    if (Object.keys(labels).length) link.labels = labels;
    // Only the exact value the page's checkbox sends: anything else leaves the site closed.
    if (form[`before-${i}`] === 'yes') link.beforeLogin = true;
    links.push(link);
  }
  return links;
}

/** The address as it will be shown, or a refusal saying which rule it breaks. */
export function checkLinkUrl(raw: string, fieldId: string, n: number): string {
  const no = (key: ConsoleKey, vars: Record<string, string | number> = {}): never =>
    refuse(fieldId, key, { n, ...vars });
  if (raw.length > URL_MAX) no('settings.err.linkUrlLong', { max: URL_MAX });
  // A scheme that runs code or carries content in the page, whatever the spelling.
  // Browsers skip control characters and spaces inside a scheme, so they are skipped here too.
  const compact = [...raw].filter((c) => c.charCodeAt(0) > 0x20).join('');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
  if (scheme && ['javascript', 'data', 'vbscript', 'file', 'blob'].includes(scheme))
    no('settings.err.linkScheme', { scheme });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return no('settings.err.linkUrlInvalid');
  }
  if (url.protocol === 'http:') no('settings.err.linkHttp');
  if (url.protocol !== 'https:') no('settings.err.linkScheme', { scheme: url.protocol.slice(0, -1) });
  if (url.username || url.password) no('settings.err.linkCredentials');
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!isPublicHost(host)) no('settings.err.linkLocal', { host });
  return url.href;
}
