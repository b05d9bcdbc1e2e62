// What one printed connection ticket shows, and the paper formats the front desk prints on.

export interface WifiNetwork {
  ssid: string;
  security: 'WPA' | 'none';
  password: string | null;
}

export interface TicketCard {
  /** Normalised code, 12 symbols (`7K3MQ9XPA2BC`); printed grouped (`7K3M-Q9XP-A2BC`). */
  code: string;
  /** Portal link that pre-fills the code: `${publicUrl}/t/${code}`. */
  link: string;
  spaceName: string;
  /** Null when the space did not set a Wi-Fi name. */
  wifi: WifiNetwork | null;
  /** Already localised, e.g. "2 heures". */
  duration: string;
  /** Already localised, e.g. "À utiliser avant le 30/11/2026"; null when there is no limit. */
  validity: string | null;
  profileLabel: string;
  /** Batch note, e.g. "atelier CV mardi". */
  note: string | null;
  /**
   * The charter version printed on the ticket (its batch's): using the ticket accepts it, where
   * an access point shows its own page and never ours. Null for a batch made without it.
   */
  charterVersion: string | null;
  /** Already localised, e.g. « Ouvert lun–ven 9 h–12 h, 14 h–18 h »; null or absent: always open. */
  openingHours?: string | null;
}

/** A4 sheets of 8 (2×4) or 12 (3×4) tickets, or thermal receipt rolls 58 mm and 80 mm wide. */
export type PrintLayout = 'a4-8' | 'a4-12' | 'receipt-58' | 'receipt-80';

export const PRINT_LAYOUTS: readonly PrintLayout[] = Object.freeze([
  'a4-8',
  'a4-12',
  'receipt-58',
  'receipt-80',
]);

export function isPrintLayout(s: unknown): s is PrintLayout {
  return typeof s === 'string' && (PRINT_LAYOUTS as readonly string[]).includes(s);
}
