import { wifiQrPayload } from '../../../../src/documents/print/wifi-qr';

describe('wifiQrPayload', () => {
  it('writes the WPA network and its password in the WIFI: format', () => {
    expect(wifiQrPayload({ ssid: 'ECN Roubaix', security: 'WPA', password: 'bienvenue' })).toBe(
      'WIFI:T:WPA;S:ECN Roubaix;P:bienvenue;;',
    );
  });

  it.each([
    ['a;b', 'a\\;b'],
    ['a,b', 'a\\,b'],
    ['say "hi"', 'say \\"hi\\"'],
    ['back\\slash', 'back\\\\slash'],
    ['k:v', 'k\\:v'],
    ['\\;', '\\\\\\;'],
  ])('escapes %j in the name and the password', (raw, escaped) => {
    expect(wifiQrPayload({ ssid: raw, security: 'WPA', password: raw })).toBe(
      `WIFI:T:WPA;S:${escaped};P:${escaped};;`,
    );
  });

  it('keeps accents and other characters as they are', () => {
    expect(wifiQrPayload({ ssid: 'Café Épeule ☕', security: 'WPA', password: 'mot de passe' })).toBe(
      'WIFI:T:WPA;S:Café Épeule ☕;P:mot de passe;;',
    );
  });

  it('quotes a network name that could be read as hexadecimal bytes', () => {
    expect(wifiQrPayload({ ssid: 'CAFE2026', security: 'WPA', password: '12345678' })).toBe(
      'WIFI:T:WPA;S:"CAFE2026";P:12345678;;',
    );
  });

  it('gives no second QR code for an open network or without a password', () => {
    expect(wifiQrPayload({ ssid: 'ECN Roubaix', security: 'none', password: null })).toBeNull();
    expect(wifiQrPayload({ ssid: 'ECN Roubaix', security: 'none', password: 'ignored' })).toBeNull();
    expect(wifiQrPayload({ ssid: 'ECN Roubaix', security: 'WPA', password: null })).toBeNull();
    expect(wifiQrPayload({ ssid: 'ECN Roubaix', security: 'WPA', password: '' })).toBeNull();
  });
});
