// A resident's call for help from the portal (issue #15, item 5): which page they are stuck on,
// since when, and only the last symbols of their device so an animator can find them in the
// room. Pure rules: one open request per device, a small per-device limit against floods.

import type { Device } from './device';
import type { DeviceCounter } from './ports';

/** Where a resident can ask: a small fixed set, also a statistics key and a metric label. */
export const HELP_PAGES = ['welcome', 'code', 'status', 'blocked'] as const;
export type HelpPage = (typeof HELP_PAGES)[number];

export function isHelpPage(s: unknown): s is HelpPage {
  return typeof s === 'string' && (HELP_PAGES as readonly string[]).includes(s);
}

export interface HelpRequest {
  id: string;
  /** The space where it was asked (`space.id`): only this space's console lists it. */
  spaceId: string;
  /** The device key (`deviceKey`): one open request per device. Never shown on the console. */
  device: string;
  /** The last symbols of the device (4 hex digits of the MAC, else the end of the IP address). */
  deviceHint: string;
  /** The page of the last ask. */
  page: HelpPage;
  /** When the device first asked (epoch ms): "waiting since". */
  openedAt: number;
  /** When it last asked (asking again refreshes the request). */
  askedAt: number;
}

/** The symbols an animator reads on the console to find the device: never the whole MAC. */
export function deviceHint(device: Device): string {
  if (device.mac)
    return device.mac
      .replace(/[^0-9a-fA-F]/g, '')
      .slice(-4)
      .toUpperCase();
  const ip = device.ip ?? '';
  return ip.slice(-4);
}

/** The request after one more ask: a new one, or the open one refreshed with the page asked from. */
export function askForHelp(
  current: HelpRequest | null,
  ask: { id: string; spaceId: string; device: string; deviceHint: string; page: HelpPage; now: number },
): HelpRequest {
  if (current)
    return {
      ...current,
      page: ask.page,
      askedAt: Math.max(current.askedAt, ask.now),
      deviceHint: ask.deviceHint,
    };
  return {
    id: ask.id,
    spaceId: ask.spaceId,
    device: ask.device,
    deviceHint: ask.deviceHint,
    page: ask.page,
    openedAt: ask.now,
    askedAt: ask.now,
  };
}

export interface HelpAskPolicy {
  /** Asks a device may make within `windowSeconds`. */
  maxAsks: number;
  windowSeconds: number;
}

export function helpAskKey(spaceId: string, device: string): string {
  return `help:${spaceId}:${device}`;
}

/**
 * Counts one ask against the device's window. Past `maxAsks`, the ask is refused until the
 * window ends (the refused ask is not counted: a flood does not push the end further away).
 */
export function countHelpAsk(
  current: DeviceCounter | null,
  key: string,
  now: number,
  policy: HelpAskPolicy,
): { allowed: true; counter: DeviceCounter } | { allowed: false; until: number } {
  const live = current && current.expiresAt > now ? current : null;
  if (live && live.count >= policy.maxAsks) return { allowed: false, until: live.expiresAt };
  const firstAt = live?.firstAt ?? now;
  return {
    allowed: true,
    counter: {
      key,
      count: (live?.count ?? 0) + 1,
      firstAt,
      until: null,
      expiresAt: firstAt + policy.windowSeconds * 1000,
      version: (current?.version ?? 0) + 1,
    },
  };
}
