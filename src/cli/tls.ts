// `ecn tls create|fingerprint`: the self-signed certificate a box's console starts with, and
// the fingerprint staff compare with what their browser shows (issue #16, item 6).

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EcnError } from '../domain/errors';
import { certificateFingerprint } from '../tls/certificate';
import { createSelfSigned } from '../tls/self-signed';
import type { CliIo } from './main';

export function registerTlsCommands(program: Command, io: CliIo): void {
  const tls = program.command('tls').description('https certificates for the console and the portal API');

  tls
    .command('create')
    .description('make a self-signed certificate and its key (0600) in a folder, and print its fingerprint')
    .requiredOption('--host <name>', 'host name staff type to reach the box, e.g. ecn-box.lan')
    .option('--ip <address>', 'an address the certificate also names, e.g. 192.168.10.2')
    .option('--days <n>', 'days of validity', '825')
    .requiredOption('--out <dir>', 'folder to write cert.pem and key.pem into')
    .action(async (opts: { host: string; ip?: string; days: string; out: string }) => {
      if (!/^\d{1,5}$/.test(opts.days)) {
        throw new EcnError('ECN_ERR_TLS_FAILED', `--days "${opts.days}" is not a whole number of days`);
      }
      const r = await createSelfSigned({
        host: opts.host,
        ip: opts.ip,
        days: Number(opts.days),
        outDir: opts.out,
      });
      io.out(
        `Certificate: ${r.certFile}\nKey:         ${r.keyFile} (mode 0600)\nValid until: ${r.notAfter.toISOString()}\n` +
          `SHA-256 fingerprint: ${r.fingerprint}\n` +
          'Staff compare it with the fingerprint their browser shows the first time (certificate details, SHA-256).\n',
      );
    });

  tls
    .command('fingerprint')
    .description('print the SHA-256 fingerprint of a certificate file, as browsers show it')
    .argument('<file>', 'PEM certificate')
    .action((file: string) => {
      let pem: string;
      try {
        pem = readFileSync(file, 'utf8');
      } catch (err) {
        throw new EcnError(
          'ECN_ERR_TLS_FAILED',
          `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        );
      }
      try {
        io.out(`SHA-256 fingerprint: ${certificateFingerprint(pem)}\n`);
      } catch {
        throw new EcnError('ECN_ERR_TLS_FAILED', `${file} is not a PEM certificate`);
      }
    });
}
