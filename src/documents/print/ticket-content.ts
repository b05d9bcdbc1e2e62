// What a ticket says, in the order it is printed, shared by the PDF and the HTML page so
// that both print the same thing.

import { formatCode } from '../../domain/ticket-code';
import type { PrintTranslate } from './print-translate';
import type { TicketCard } from './ticket-card';
import { wifiQrPayload } from './wifi-qr';

export interface TicketFact {
  name: 'wifi' | 'wifiPassword' | 'duration' | 'profile';
  label: string;
  value: string;
  /** Printed in monospace, where 0/O or 1/l must not be mixed up (a Wi-Fi password). */
  mono: boolean;
}

export interface TicketQr {
  payload: string;
  caption: string;
  /** Accessible name of the QR code image. */
  name: string;
}

export interface TicketContent {
  spaceName: string;
  codeLabel: string;
  /** `7K3M-Q9XP-A2BC`. */
  code: string;
  facts: TicketFact[];
  validity: string | null;
  note: string | null;
  /** "Utiliser ce ticket vaut acceptation de la charte (version N) : …", or null. */
  charter: string | null;
  /** « Ouvert lun–ven 9 h–12 h, 14 h–18 h », never cut like the charter line; or null. */
  openingHours: string | null;
  linkLabel: string;
  link: string;
  portalQr: TicketQr;
  /** Only for a WPA network whose password is known. */
  wifiQr: TicketQr | null;
}

export function ticketContent(card: TicketCard, t: PrintTranslate): TicketContent {
  const code = formatCode(card.code);
  const facts: TicketFact[] = [];
  if (card.wifi) {
    facts.push({ name: 'wifi', label: t('print.wifi'), value: card.wifi.ssid, mono: false });
    if (card.wifi.security === 'WPA' && card.wifi.password) {
      facts.push({
        name: 'wifiPassword',
        label: t('print.wifiPassword'),
        value: card.wifi.password,
        mono: true,
      });
    }
  }
  facts.push({ name: 'duration', label: t('print.duration'), value: card.duration, mono: false });
  facts.push({ name: 'profile', label: t('print.profile'), value: card.profileLabel, mono: false });
  const wifiPayload = card.wifi ? wifiQrPayload(card.wifi) : null;
  return {
    spaceName: card.spaceName,
    codeLabel: t('print.code'),
    code,
    facts,
    validity: card.validity,
    note: card.note,
    charter: card.charterVersion === null ? null : t('print.charter', { version: card.charterVersion }),
    openingHours: card.openingHours ?? null,
    linkLabel: t('print.orGoTo'),
    link: card.link,
    portalQr: {
      payload: card.link,
      caption: t('print.scanToConnect'),
      name: t('print.qrConnectName', { code }),
    },
    wifiQr:
      wifiPayload && card.wifi
        ? {
            payload: wifiPayload,
            caption: t('print.scanToJoinWifi'),
            name: t('print.qrWifiName', { ssid: card.wifi.ssid }),
          }
        : null,
  };
}
