// Reads and checks the settings forms: each refusal names the field and the catalog sentence
// that explains it, and nothing is written. Pure functions of the form's fields.

import type { CharterSection, CharterText } from '../../domain/charter';
import type { WifiSettings } from '../../domain/console';
import { EcnError } from '../../domain/errors';
import type { Profile } from '../../domain/profile';
import type { ConsoleKey } from '../i18n';
import { isInertSvg } from './svg-allow-list';

export type Form = Record<string, unknown>;

/** A refused field: its input's id and the sentence (catalog key) to show. */
export function refuse(field: string, key: ConsoleKey, vars: Record<string, string | number> = {}): never {
  throw new EcnError('ECN_ERR_SETTINGS_INVALID', `Settings refused (${field}: ${key}).`, {
    field,
    key,
    ...vars,
  });
}

export function text(form: Form, name: string, max = 4000): string {
  const v = form[name];
  return typeof v === 'string' ? v.slice(0, max).trim() : '';
}

// ---- space name and colours

const COLOUR_RE = /^#[0-9a-fA-F]{6}$/;

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of a colour against white (the portal's banner text). */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

export function parseSpace(form: Form): { name: string; colors: { primary: string; accent: string } } {
  const name = text(form, 'name', 200).replace(/\s+/g, ' ');
  if (!name) refuse('space-name', 'settings.err.nameEmpty');
  if (name.length > 80) refuse('space-name', 'settings.err.nameLong', { max: 80 });
  const primary = text(form, 'primary', 20).toLowerCase();
  const accent = text(form, 'accent', 20).toLowerCase();
  if (!COLOUR_RE.test(primary)) refuse('space-primary', 'settings.err.colour');
  const ratio = contrastWithWhite(primary);
  if (ratio < 4.5) refuse('space-primary', 'settings.err.contrast', { ratio: ratio.toFixed(1) });
  if (!COLOUR_RE.test(accent)) refuse('space-accent', 'settings.err.colour');
  return { name, colors: { primary, accent } };
}

// ---- Wi-Fi

/** The network printed on tickets; an empty password keeps the one already set. */
export function parseWifi(form: Form, current: WifiSettings | null): WifiSettings | null {
  const ssid = typeof form.ssid === 'string' ? form.ssid.slice(0, 200) : '';
  if (form.clear === 'yes') return null;
  if (!ssid.trim()) refuse('wifi-ssid', 'settings.err.ssidEmpty');
  if (Buffer.byteLength(ssid, 'utf8') > 32) refuse('wifi-ssid', 'settings.err.ssidLong');
  const security = form.security === 'none' ? 'none' : form.security === 'WPA' ? 'WPA' : null;
  if (!security) refuse('wifi-security', 'settings.err.security');
  if (security === 'none') return { ssid, security, password: null };
  const typed = typeof form.password === 'string' ? form.password.slice(0, 200) : '';
  const password = typed === '' && current?.security === 'WPA' ? current.password : typed;
  if (!password) refuse('wifi-password', 'settings.err.wpaMissing');
  if (password.length < 8 || password.length > 63 || /[^\x20-\x7e]/.test(password)) {
    refuse('wifi-password', 'settings.err.wpaLength');
  }
  return { ssid, security, password };
}

// ---- logo

export const LOGO_MAX_BYTES = 100_000;
export type LogoType = 'image/png' | 'image/jpeg' | 'image/svg+xml';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image's type from its first bytes (never from its name), after checking an SVG is only a drawing. */
export function checkLogo(body: Buffer): LogoType {
  if (body.length === 0) refuse('logo-file', 'settings.err.logoMissing');
  if (body.length > LOGO_MAX_BYTES) refuse('logo-file', 'settings.err.logoTooBig', { max: 100 });
  if (body.subarray(0, 8).equals(PNG_MAGIC)) return 'image/png';
  if (body[0] === 0xff && body[1] === 0xd8 && body[2] === 0xff) return 'image/jpeg';
  const svg = body.toString('utf8');
  if (!svg.includes('\uFFFD') && looksLikeSvg(svg)) {
    if (!isInertSvg(svg)) refuse('logo-file', 'settings.err.logoUnsafe');
    return 'image/svg+xml';
  }
  return refuse('logo-file', 'settings.err.logoNotImage');
}

function looksLikeSvg(s: string): boolean {
  const prolog =
    /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^>[]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i;
  return prolog.test(s);
}

// ---- ticket profiles (one profile's form: profile-form.ts)

/** The whole list's rules: unique names, exactly one default. */
export function checkProfiles(profiles: readonly Profile[], field = 'profile-name'): void {
  const names = new Set<string>();
  for (const p of profiles) {
    if (names.has(p.name)) refuse(field, 'settings.err.profileDuplicate', { name: p.name });
    names.add(p.name);
  }
  if (profiles.filter((p) => p.isDefault).length !== 1) refuse(field, 'settings.err.profileDefault');
}

// ---- charter

const VERSION_RE = /^[A-Za-z0-9._-]{1,32}$/;

/** The version asked for, or the day's own (`2026-12-01-1`, `-2`…) different from the current one. */
export function charterVersion(typed: string, current: string, today: string): string {
  if (typed) {
    if (!VERSION_RE.test(typed)) refuse('charter-version', 'settings.err.charterVersion');
    if (typed === current) refuse('charter-version', 'settings.err.charterSameVersion', { version: current });
    return typed;
  }
  // Published again the same day: the next number, never one a device may have accepted.
  const same = current.startsWith(`${today}-`) ? Number(current.slice(today.length + 1)) : NaN;
  return `${today}-${Number.isInteger(same) && same > 0 ? same + 1 : 1}`;
}

/**
 * The French text from its form: a title, the summary one point per line, and the sections
 * as plain text where `## ` starts a section, `- ` an item and any other line a paragraph.
 */
export function parseCharter(form: Form, version: string): CharterText {
  const title = text(form, 'title', 2000);
  if (!title) refuse('charter-title', 'settings.err.charterTitle');
  const summary = text(form, 'summary', 20_000)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (summary.length === 0 || summary.length > 12) refuse('charter-summary', 'settings.err.charterSummary');
  const sections: CharterSection[] = [];
  for (const raw of text(form, 'body', 60_000).split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('## ')) {
      sections.push({ title: line.slice(3).trim(), paragraphs: [], items: [] });
      continue;
    }
    const section = sections.at(-1);
    if (!section) refuse('charter-body', 'settings.err.charterBody');
    if (line.startsWith('- ')) section.items.push(line.slice(2).trim());
    else section.paragraphs.push(line);
  }
  if (sections.length === 0 || sections.some((s) => !s.title || s.paragraphs.length + s.items.length === 0)) {
    refuse('charter-body', 'settings.err.charterBody');
  }
  if (
    [title, ...summary, ...sections.flatMap((s) => [s.title, ...s.paragraphs, ...s.items])].some(
      (l) => l.length > 2000,
    )
  ) {
    refuse('charter-body', 'settings.err.charterLine');
  }
  return { version, lang: 'fr', title, summary, sections };
}

/** The text of the sections as the form shows it. */
export function charterBody(c: CharterText): string {
  return c.sections
    .map((s) => [`## ${s.title}`, ...s.paragraphs, ...s.items.map((i) => `- ${i}`)].join('\n'))
    .join('\n\n');
}
