// The "WIFI:" QR payload that phones read to join a network (the ZXing format, which the
// cameras of Android and iOS read too).

import type { WifiNetwork } from './ticket-card';

/** Backslash-escapes the special characters in one pass, so escapes are never escaped again. */
function escapeWifiField(s: string): string {
  return s.replace(/[\\;,":]/g, (c) => `\\${c}`);
}

/**
 * `WIFI:T:WPA;S:<ssid>;P:<password>;;`, or null when a second QR code would not help: an open
 * network (phones join it from the list) or a protected one without a known password.
 */
export function wifiQrPayload(w: WifiNetwork): string | null {
  if (w.security !== 'WPA' || !w.password || !w.ssid) return null;
  const ssid = escapeWifiField(w.ssid);
  // ZXing reads an unquoted name made of hex digits as raw bytes: quote it, as its format asks.
  const quotedSsid = /^(?:[0-9A-Fa-f]{2})+$/.test(w.ssid) ? `"${ssid}"` : ssid;
  return `WIFI:T:WPA;S:${quotedSsid};P:${escapeWifiField(w.password)};;`;
}
