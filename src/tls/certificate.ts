// The certificates the console and the portal's https listener serve: read, checked before
// anything listens (every problem listed at once), and named by the fingerprint staff compare.

import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EcnError } from '../domain/errors';

export interface TlsFiles {
  cert: string;
  key: string;
}

export interface TlsCredentials {
  cert: string;
  key: string;
  /** SHA-256 of the certificate as browsers show it: `AB:CD:…`. */
  fingerprint: string;
}

/** The SHA-256 fingerprint of a PEM certificate, upper-case hex pairs joined by colons. */
export function certificateFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

/**
 * Reads one certificate and its key; `at` names the configuration keys in the problems.
 * Returns the credentials, or every problem found (unreadable file, not a certificate, a key
 * that is not the certificate's, a certificate expired or not yet valid).
 */
export function readTlsFiles(
  files: TlsFiles,
  at: string,
  now: Date,
): { credentials: TlsCredentials | null; problems: string[] } {
  const problems: string[] = [];
  const read = (key: 'cert' | 'key'): string | null => {
    try {
      return readFileSync(files[key], 'utf8');
    } catch (err) {
      problems.push(
        `${at}.${key}: cannot read ${files[key]} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
      return null;
    }
  };
  const certPem = read('cert');
  const keyPem = read('key');
  let cert: X509Certificate | null = null;
  if (certPem !== null) {
    try {
      cert = new X509Certificate(certPem);
    } catch {
      problems.push(`${at}.cert: ${files.cert} is not a PEM certificate`);
    }
  }
  let key: KeyObject | null = null;
  if (keyPem !== null) {
    try {
      key = createPrivateKey(keyPem);
    } catch {
      // The key's own text is never quoted: it is a secret.
      problems.push(`${at}.key: ${files.key} is not an unencrypted PEM private key`);
    }
  }
  if (cert) {
    if (new Date(cert.validTo).getTime() < now.getTime()) {
      problems.push(
        `${at}.cert: the certificate in ${files.cert} expired on ${new Date(cert.validTo).toISOString()}`,
      );
    } else if (new Date(cert.validFrom).getTime() > now.getTime()) {
      problems.push(
        `${at}.cert: the certificate in ${files.cert} is not valid before ${new Date(cert.validFrom).toISOString()} (is the clock right?)`,
      );
    }
    if (key && !cert.checkPrivateKey(key)) {
      problems.push(`${at}.key: ${files.key} is not the private key of the certificate in ${files.cert}`);
    }
  }
  if (problems.length > 0 || !cert || certPem === null || keyPem === null)
    return { credentials: null, problems };
  return { credentials: { cert: certPem, key: keyPem, fingerprint: cert.fingerprint256 }, problems };
}

/** Whether a certificate names the host (a DNS name or an address) browsers will ask for. */
export function certificateCovers(pem: string, host: string): boolean {
  const cert = new X509Certificate(pem);
  const bare = host.replace(/^\[|\]$/g, '');
  return /^[\d.]+$/.test(bare) || bare.includes(':')
    ? cert.checkIP(bare) !== undefined
    : cert.checkHost(bare) !== undefined;
}

/** Throws one configuration error listing every problem, or returns nothing when there is none. */
export function assertNoTlsProblems(problems: readonly string[]): void {
  if (problems.length === 0) return;
  throw new EcnError('ECN_ERR_CONFIG_INVALID', `Invalid configuration:\n  - ${problems.join('\n  - ')}`);
}
