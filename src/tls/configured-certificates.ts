// The certificates the configuration names (console, portal's https listener), read and
// checked together so that every problem is reported at once, by the service and `ecn config check`.

import type { FrozenConfig } from '../config/load';
import { portalSecureUrl } from '../config/portal-url';
import { assertNoTlsProblems, certificateCovers, readTlsFiles, type TlsCredentials } from './certificate';

/**
 * Issue #16 (6): the certificates, read and checked before anything listens, so an unreadable
 * file, a key that is not the certificate's or an expired certificate is one configuration
 * error listing every problem, never a crash at the first https request.
 */
export function readCertificates(
  config: FrozenConfig,
  now: Date,
): { console: TlsCredentials | null; portal: TlsCredentials | null } {
  const problems: string[] = [];
  const read = (files: { cert: string; key: string }, at: string) => {
    if (files.cert === '') return null;
    const r = readTlsFiles(files, at, now);
    problems.push(...r.problems);
    return r.credentials;
  };
  const consoleTls = config.console.enabled ? read(config.console.tls, 'console.tls') : null;
  const portalTls = read(config.portal.tls, 'portal.tls');
  const secureUrl = portalSecureUrl(config);
  if (portalTls && secureUrl) {
    const host = new URL(secureUrl).hostname;
    // Clients check the API's certificate against the URL DHCP gave them (RFC 8908 §4).
    if (!certificateCovers(portalTls.cert, host)) {
      problems.push(`portal.tls.cert: the certificate does not name ${host}, the host of ${secureUrl}`);
    }
  }
  assertNoTlsProblems(problems);
  return { console: consoleTls, portal: portalTls };
}
