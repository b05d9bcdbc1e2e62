#!/usr/bin/env node
// Tools over the message catalogs (locales/<lang>/<area>.json, ICU MessageFormat):
//   node scripts/i18n.js types    writes src/i18n/keys.generated.ts and src/i18n/keys/ from the French files
//   node scripts/i18n.js check    fails on a missing file, key or placeholder, or a bad message
//   node scripts/i18n.js report   lists, per language, what is not translated yet
// Plain JavaScript so that translators run it without building the gateway.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('@formatjs/icu-messageformat-parser');

const ROOT = path.resolve(__dirname, '..');
const LOCALES = path.join(ROOT, 'locales');
const TYPES_FILE = path.join(ROOT, 'src', 'i18n', 'keys.generated.ts');

/** Areas come in groups: a language that has one file of a group must have all of them. */
const GROUPS = {
  portal: (area) => area.startsWith('portal-'),
  radius: (area) => area === 'radius',
  setup: (area) => area === 'setup',
  console: (area) => area.startsWith('console-') || area === 'print' || area === 'charts',
};
const groupOf = (area) => Object.keys(GROUPS).find((g) => GROUPS[g](area)) ?? area;

function readTree(dir = LOCALES) {
  const tree = {};
  for (const lang of fs.readdirSync(dir).sort()) {
    if (!fs.statSync(path.join(dir, lang)).isDirectory()) continue;
    tree[lang] = {};
    for (const f of fs.readdirSync(path.join(dir, lang)).sort()) {
      if (f.endsWith('.json'))
        tree[lang][f.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(dir, lang, f), 'utf8'));
    }
  }
  return tree;
}

/** The argument names a message reads, nested plural and select branches included. */
function placeholders(text) {
  const names = new Set();
  const walk = (els) => {
    for (const el of els) {
      if (el.type !== 0 && el.type !== 7 && typeof el.value === 'string') names.add(el.value);
      if (el.options) for (const o of Object.values(el.options)) walk(o.value);
      if (Array.isArray(el.children)) walk(el.children);
    }
  };
  walk(parse(text, { ignoreTag: true }));
  return [...names].sort();
}

/** Every problem that must fail the build, one line each naming file, key and placeholder. */
function check(dir = LOCALES) {
  const tree = readTree(dir);
  const problems = [];
  const fr = tree.fr ?? {};
  if (!tree.fr) problems.push(`${path.join('locales', 'fr')}: the French reference folder is missing`);
  for (const [lang, areas] of Object.entries(tree)) {
    const groups = new Set(Object.keys(areas).map(groupOf));
    for (const area of Object.keys(fr)) {
      if (groups.has(groupOf(area)) && !areas[area])
        problems.push(`locales/${lang}/${area}.json: file missing`);
    }
    for (const [area, messages] of Object.entries(areas)) {
      const file = `locales/${lang}/${area}.json`;
      const ref = fr[area];
      if (!ref) {
        problems.push(`${file}: no French file ${area}.json to translate from`);
        continue;
      }
      for (const [key, text] of Object.entries(ref)) {
        if (!(key in messages)) {
          problems.push(`${file}: key "${key}" missing`);
          continue;
        }
        let got;
        let want;
        try {
          got = placeholders(messages[key]);
          want = placeholders(text);
        } catch (e) {
          problems.push(`${file}: key "${key}" is not valid ICU MessageFormat (${e.message})`);
          continue;
        }
        for (const p of want.filter((p) => !got.includes(p)))
          problems.push(`${file}: key "${key}" lacks placeholder {${p}}`);
        for (const p of got.filter((p) => !want.includes(p)))
          problems.push(`${file}: key "${key}" has placeholder {${p}} that French does not have`);
        if (typeof messages[key] !== 'string' || messages[key].trim() === '')
          problems.push(`${file}: key "${key}" is empty`);
      }
      for (const key of Object.keys(messages).filter((k) => !(k in ref)))
        problems.push(`${file}: key "${key}" is not in French (a typo, or a key removed)`);
    }
  }
  return problems;
}

/** Per language: keys with no translation, and texts equal to French (often not translated). */
function report(dir = LOCALES) {
  const tree = readTree(dir);
  const lines = [];
  for (const [lang, areas] of Object.entries(tree)) {
    if (lang === 'fr') continue;
    const groups = new Set(Object.keys(areas).map(groupOf));
    let missing = 0;
    let same = 0;
    const detail = [];
    for (const [area, ref] of Object.entries(tree.fr)) {
      if (!groups.has(groupOf(area))) continue;
      for (const [key, text] of Object.entries(ref)) {
        const own = areas[area]?.[key];
        if (own === undefined) {
          missing++;
          detail.push(`  missing   ${area}.json  ${key}`);
        } else if (own === text && /\p{L}{3}/u.test(text)) {
          // Equal to French: often a text not translated yet, sometimes right (a name, "Wi-Fi").
          same++;
          detail.push(`  as French ${area}.json  ${key}: ${text.slice(0, 60)}`);
        }
      }
    }
    lines.push(`${lang}: ${missing} missing, ${same} equal to French`, ...detail);
  }
  return lines;
}

const GROUP_TYPES = [
  ['Portal', (a) => a.startsWith('portal-')],
  ['Console', (a) => GROUPS.console(a)],
  ['Print', (a) => a === 'print'],
  ['Chart', (a) => a === 'charts'],
  ['Radius', (a) => a === 'radius'],
  ['Setup', (a) => a === 'setup'],
];

const KEYS_DIR = path.join(ROOT, 'src', 'i18n', 'keys');
const HEADER = [
  '// Generated by `npm run i18n:types` from locales/fr/*.json: do not edit. A unit test fails',
  '// when this file is not current.',
];
const pascal = (area) => area.replace(/(^|-)(\w)/g, (_m, _d, c) => c.toUpperCase());

/** One area's keys and the placeholders each message reads (never when it reads none). */
function areaTypes(area, messages) {
  const out = [...HEADER, '', `export interface ${pascal(area)}Area {`];
  for (const [key, text] of Object.entries(messages)) {
    const ps = placeholders(text);
    // Quoted only where a property name needs it, as Prettier writes it.
    const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`;
    out.push(`  ${name}: ${ps.length ? ps.map((p) => `'${p}'`).join(' | ') : 'never'};`);
  }
  out.push('}', '');
  return out.join('\n');
}

/**
 * The key types, unformatted: a file per area under src/i18n/keys/ (so each stays small) and
 * keys.generated.ts composing them into the groups the translators are typed by (an area read
 * by two groups, print and charts, is written once).
 */
function generateTypes(dir = LOCALES) {
  const fr = readTree(dir).fr;
  const areas = Object.keys(fr).sort();
  const files = new Map(areas.map((a) => [path.join(KEYS_DIR, `${a}.generated.ts`), areaTypes(a, fr[a])]));
  const out = [...HEADER, '// Each group of areas: its keys, and the placeholders each message reads.', ''];
  for (const a of areas) out.push(`import type { ${pascal(a)}Area } from './keys/${a}.generated';`);
  out.push('');
  for (const [name, pick] of GROUP_TYPES) {
    const members = areas.filter(pick).map((a) => `${pascal(a)}Area`);
    out.push(
      members.length === 1
        ? `export type ${name}Placeholders = ${members[0]};`
        : `export interface ${name}Placeholders extends ${members.join(', ')} {}`,
      `export type ${name}Key = keyof ${name}Placeholders;`,
      '',
    );
  }
  files.set(TYPES_FILE, out.join('\n'));
  return files;
}

/** The same, formatted as the repository's Prettier writes it: what is on disk when current. */
async function formattedTypes(dir = LOCALES) {
  const prettier = require('prettier');
  const options = (await prettier.resolveConfig(TYPES_FILE)) ?? {};
  const formatted = new Map();
  for (const [file, text] of generateTypes(dir))
    formatted.set(file, await prettier.format(text, { ...options, filepath: file }));
  return formatted;
}

/** Writes the key types, and removes the file of an area that is gone. */
async function writeTypes() {
  const files = await formattedTypes();
  fs.mkdirSync(KEYS_DIR, { recursive: true });
  for (const f of fs.readdirSync(KEYS_DIR))
    if (!files.has(path.join(KEYS_DIR, f))) fs.rmSync(path.join(KEYS_DIR, f));
  for (const [file, text] of files) fs.writeFileSync(file, text);
  return [...files.keys()];
}

module.exports = { check, report, generateTypes, formattedTypes, placeholders, TYPES_FILE, KEYS_DIR };

if (require.main === module) {
  const cmd = process.argv[2];
  if (cmd === 'types') {
    writeTypes().then(
      (files) =>
        console.log(
          `wrote ${path.relative(ROOT, TYPES_FILE)} and ${files.length - 1} files in ${path.relative(ROOT, KEYS_DIR)}/`,
        ),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  } else if (cmd === 'check') {
    const problems = check();
    for (const p of problems) console.error(p);
    if (problems.length) {
      console.error(`${problems.length} problem(s) in locales/.`);
      process.exit(1);
    }
    console.log('locales/: every language has every key and placeholder.');
  } else if (cmd === 'report') {
    for (const line of report()) console.log(line);
  } else {
    console.error('usage: node scripts/i18n.js types|check|report');
    process.exit(2);
  }
}
