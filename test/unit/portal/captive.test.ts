// Captive-network probes are recognised by path and by Host and answered as each OS expects;
// the RFC 8908 document has the fields a client reads.

import {
  captiveApiDocument,
  hostnameOf,
  originalUrl,
  probeOf,
  probeSuccess,
  safeDestination,
} from '../../../src/portal/captive';

describe('captive-network probes', () => {
  it.each([
    ['captive.apple.com', '/hotspot-detect.html', 'apple'],
    ['captive.apple.com', '/', 'apple'],
    ['www.apple.com', '/library/test/success.html', 'apple'],
    ['connectivitycheck.gstatic.com', '/generate_204', 'android'],
    ['clients3.google.com', '/generate_204', 'android'],
    ['connectivitycheck.android.com', '/', 'android'],
    ['www.msftconnecttest.com', '/connecttest.txt', 'windows-connecttest'],
    ['www.msftncsi.com', '/ncsi.txt', 'windows-ncsi'],
    ['detectportal.firefox.com', '/success.txt', 'firefox'],
    ['10.42.0.1', '/generate_204', 'android'],
  ])('%s%s is the %s probe', (host, path, kind) => {
    expect(probeOf(host, path)).toBe(kind);
  });

  it('does not take ordinary requests for probes', () => {
    expect(probeOf('www.impots.gouv.fr', '/')).toBeNull();
    expect(probeOf('connectivitycheck.gstatic.com', '/other')).toBeNull();
    expect(probeOf('localhost', '/status')).toBeNull();
  });

  it('answers each probe with what the OS checks', () => {
    expect(probeSuccess('apple').body).toContain('<TITLE>Success</TITLE>');
    expect(probeSuccess('android')).toEqual({ status: 204, type: null, body: '' });
    expect(probeSuccess('windows-connecttest').body).toBe('Microsoft Connect Test');
    expect(probeSuccess('windows-ncsi').body).toBe('Microsoft NCSI');
    expect(probeSuccess('firefox').body).toBe('success\n');
  });
});

describe('hosts and destinations', () => {
  it('reads the Host header without its port and refuses junk', () => {
    expect(hostnameOf('Portal.ECN.test:8080')).toBe('portal.ecn.test');
    expect(hostnameOf('[::1]:8080')).toBe('[::1]');
    expect(hostnameOf('evil.com/x')).toBeNull();
    expect(hostnameOf('a b')).toBeNull();
    expect(hostnameOf(undefined)).toBeNull();
  });

  it('keeps the original URL of a captive client, bounded', () => {
    expect(originalUrl('example.org', '/path?q=1')).toBe('http://example.org/path?q=1');
    expect(originalUrl('example.org', `/${'a'.repeat(2000)}`)).toBeNull();
    expect(originalUrl('bad host', '/')).toBeNull();
  });

  it('offers only http(s) destinations after login', () => {
    expect(safeDestination('http://example.org/x')?.host).toBe('example.org');
    expect(safeDestination('javascript:alert(1)')).toBeNull();
    expect(safeDestination('data:text/html,hi')).toBeNull();
    expect(safeDestination('not a url')).toBeNull();
    expect(safeDestination(42)).toBeNull();
  });
});

describe('RFC 8908 document', () => {
  it('says captive with the portal URL, and the time and data left once authorized', () => {
    expect(
      captiveApiDocument('http://10.42.0.1', { captive: true, secondsRemaining: null, bytesRemaining: null }),
    ).toEqual({
      captive: true,
      'user-portal-url': 'http://10.42.0.1/',
      'venue-info-url': 'http://10.42.0.1/charter',
      'can-extend-session': false,
    });
    expect(
      captiveApiDocument('http://10.42.0.1', { captive: false, secondsRemaining: 600, bytesRemaining: 1000 }),
    ).toMatchObject({ captive: false, 'seconds-remaining': 600, 'bytes-remaining': 1000 });
  });
});
