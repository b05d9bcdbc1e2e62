// Makes the self-signed certificate a box's console (or https portal) starts with: the key by
// Node's crypto, written 0600 before anything else can read it; the X.509 certificate by the
// `openssl` command (Debian's openssl package), since Node cannot sign one itself.

import { execFile } from 'node:child_process';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { EcnError } from '../domain/errors';
import { certificateFingerprint } from './certificate';

export interface SelfSignedRequest {
  host: string;
  ip?: string;
  days: number;
  outDir: string;
  /** The openssl executable (tests and odd boxes); `openssl` from PATH otherwise. */
  openssl?: string;
}

export interface SelfSignedResult {
  certFile: string;
  keyFile: string;
  fingerprint: string;
  notAfter: Date;
}

const HOST_RE =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Checks the request; every problem in one error, before anything is written. */
export function checkSelfSignedRequest(req: SelfSignedRequest): void {
  const problems: string[] = [];
  if (!HOST_RE.test(req.host) || /^[\d.]+$/.test(req.host)) {
    problems.push(`--host "${req.host}" is not a host name (use --ip for an address)`);
  }
  if (req.ip !== undefined && isIP(req.ip) === 0)
    problems.push(`--ip "${req.ip}" is not an IPv4 or IPv6 address`);
  if (!Number.isInteger(req.days) || req.days < 1 || req.days > 3650) {
    problems.push('--days must be a whole number from 1 to 3650');
  }
  if (problems.length) throw new EcnError('ECN_ERR_TLS_FAILED', problems.join('; '));
}

export async function createSelfSigned(req: SelfSignedRequest): Promise<SelfSignedResult> {
  checkSelfSignedRequest(req);
  mkdirSync(req.outDir, { recursive: true });
  const keyFile = path.join(req.outDir, 'key.pem');
  const certFile = path.join(req.outDir, 'cert.pem');
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  try {
    // 'wx': an existing key (perhaps the one staff already trust) is never overwritten.
    writeFileSync(keyFile, keyPem, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new EcnError(
      'ECN_ERR_TLS_FAILED',
      code === 'EEXIST'
        ? `${keyFile} already exists: remove it or choose another --out folder`
        : `cannot write ${keyFile} (${code ?? 'error'})`,
    );
  }
  chmodSync(keyFile, 0o600); // whatever the umask
  const san = [`DNS:${req.host}`, ...(req.ip ? [`IP:${req.ip}`] : [])].join(',');
  const args = [
    'req',
    '-x509',
    '-new',
    '-sha256',
    '-key',
    keyFile,
    '-out',
    certFile,
    '-days',
    String(req.days),
    '-subj',
    `/CN=${req.host}`,
    '-addext',
    `subjectAltName=${san}`,
    '-addext',
    'basicConstraints=critical,CA:FALSE',
    '-addext',
    'keyUsage=critical,digitalSignature',
    '-addext',
    'extendedKeyUsage=serverAuth',
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(req.openssl ?? 'openssl', args, { timeout: 30_000 }, (err, _out, stderr) =>
        err ? reject(Object.assign(err, { stderr })) : resolve(),
      );
    });
  } catch (err) {
    rmSync(keyFile, { force: true });
    rmSync(certFile, { force: true });
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    throw new EcnError(
      'ECN_ERR_TLS_FAILED',
      e.code === 'ENOENT'
        ? 'the openssl command is missing (install the Debian package openssl)'
        : `openssl failed: ${(e.stderr ?? e.message).trim().split('\n')[0]}`,
    );
  }
  const pem = readFileSync(certFile, 'utf8');
  return {
    certFile,
    keyFile,
    fingerprint: certificateFingerprint(pem),
    notAfter: new Date(new X509Certificate(pem).validTo),
  };
}
