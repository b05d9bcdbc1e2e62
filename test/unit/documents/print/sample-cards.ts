// Ticket cards as the console would pass them, with varied Wi-Fi settings and notes.

import { generateCode } from '../../../../src/domain/ticket-code';
import type { TicketCard } from '../../../../src/documents/print/ticket-card';

/** Deterministic bytes, so that codes are the same on every run. */
function seeded(seed: number): (n: number) => Uint8Array {
  let s = seed;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      s = (s * 1103515245 + 12345) >>> 0;
      out[i] = s >>> 24;
    }
    return out;
  };
}

export const PUBLIC_URL = 'http://portail.ecn-roubaix.fr';

export function sampleCards(count: number, over: Partial<TicketCard> = {}): TicketCard[] {
  const random = seeded(42);
  return Array.from({ length: count }, (_, i) => {
    const code = generateCode(random);
    return {
      code,
      link: `${PUBLIC_URL}/t/${code}`,
      spaceName: 'Espace numérique de l’Épeule',
      wifi: { ssid: 'ECN Épeule', security: 'WPA', password: 'bienvenue-2026' },
      duration: '2 heures',
      validity: i % 2 === 0 ? 'À utiliser avant le 30/11/2026' : null,
      profileLabel: 'Atelier 2 h',
      note: i === 0 ? 'atelier CV mardi' : null,
      charterVersion: '2026-11',
      ...over,
    };
  });
}
