// `ecn charter show` and `ecn config check|docs`: the charter in force and the configuration.

import { Option, type Command } from 'commander';
import { readCharter } from '../config/charter-texts';
import type { FrozenConfig } from '../config/load';
import { portalPublicUrl } from '../config/portal-url';
import { configReference } from '../config/reference';
import { isLanguage, LANGUAGES } from '../domain/charter';
import { EcnError } from '../domain/errors';
import { readCertificates } from '../tls/configured-certificates';
import type { CliIo } from './main';
import type { WithConfiguredServices } from './with-services';

export function registerCharterAndConfigCommands(
  program: Command,
  io: CliIo,
  config: () => FrozenConfig,
  withServices: WithConfiguredServices,
): void {
  program
    .command('charter')
    .description('the resident charter')
    .command('show')
    .description('print the current charter text')
    .addOption(new Option('-l, --lang <lang>', 'language').choices([...LANGUAGES]))
    .action(async (opts: { lang?: string }) => {
      const cfg = config();
      const lang = opts.lang ?? cfg.charter.defaultLanguage;
      if (!isLanguage(lang)) throw new EcnError('ECN_ERR_LANGUAGE_UNKNOWN', `Unknown language "${lang}".`);
      // A charter published in the console replaces the file's (a language it did not write
      // keeps the file's text under the new version, as the portal shows it).
      const published = (await withServices((deps) => deps.store.getSettings()))?.charter;
      const file = readCharter(cfg.charter.dir, cfg.charter.version, lang);
      const c = published ? { ...(published.texts[lang] ?? file), version: published.version } : file;
      io.out(`${c.title} (version ${c.version}, ${c.lang})\n\n`);
      for (const s of c.summary) io.out(`  • ${s}\n`);
      for (const section of c.sections) {
        io.out(`\n${section.title}\n`);
        for (const p of section.paragraphs) io.out(`${p}\n`);
        for (const i of section.items) io.out(`  - ${i}\n`);
      }
    });

  const configCmd = program.command('config').description('the configuration');
  configCmd
    .command('check')
    .description('validate the configuration and check that the store and charter can be opened')
    .action(async () => {
      await withServices(async (deps, cfg) => {
        await deps.store.ping();
        for (const lang of LANGUAGES) readCharter(cfg.charter.dir, cfg.charter.version, lang);
        const certificates = readCertificates(cfg, new Date());
        io.out(
          `Configuration OK: space ${cfg.space.id}, store ${cfg.store.kind}, portal ${cfg.portal.listen} ` +
            `(residents are sent to ${portalPublicUrl(cfg)}), ` +
            `${cfg.profiles.length} profile(s), charter ${cfg.charter.version}.\n`,
        );
        if (certificates.console)
          io.out(`Console certificate SHA-256: ${certificates.console.fingerprint}\n`);
        if (certificates.portal) io.out(`Portal certificate SHA-256: ${certificates.portal.fingerprint}\n`);
      });
    });
  configCmd
    .command('docs')
    .description('print the configuration reference (docs/configuration.md)')
    .action(() => io.out(configReference()));
}
