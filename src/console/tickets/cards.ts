// The printed cards of tickets: what each says comes from the limits kept on the ticket (not
// the profile as it is now), the space's name and Wi-Fi, and the batch's note.

import type { Batch, Ticket } from '../../domain/ticket';
import type { ConsoleDeps } from '../deps';
import type { ConsoleLanguage, ConsoleTranslate } from '../i18n';
import type { TicketCard } from '../../documents/print/ticket-card';
import { durationText, formatDate, windowText } from './format';
import { parseOpeningHours } from '../../domain/opening-hours';
import { weekSummary } from '../../domain/opening-hours-summary';

export function ticketCards(
  deps: ConsoleDeps,
  lang: ConsoleLanguage,
  t: ConsoleTranslate,
  batch: Batch | null,
  tickets: readonly Ticket[],
): TicketCard[] {
  const space = deps.space();
  const wifi = space.wifi
    ? { ssid: space.wifi.ssid, security: space.wifi.security, password: space.wifi.password }
    : null;
  // Issue #15, item 1: when the ticket can be used, in short; nothing when always open.
  const week = weekSummary(
    parseOpeningHours(deps.spaceSettings.current().hours, deps.settings.timeZone),
    lang,
  );
  const openingHours = week === null ? null : t('print.openingHours', { hours: week });
  return tickets.map((ticket) => ({
    code: ticket.code,
    link: `${deps.settings.portalUrl}/t/${ticket.code}`,
    spaceName: space.name,
    wifi,
    duration: durationText(t, ticket.limits.durationSeconds),
    // A workshop batch prints its day and hours; a profile's long window keeps its last day.
    validity:
      batch !== null && (batch.validFrom !== null || batch.validUntil !== null)
        ? windowText(t, lang, deps.settings.timeZone, ticket.limits.validFrom, ticket.limits.validUntil)
        : ticket.limits.validUntil === null
          ? null
          : t('tickets.validUntil', {
              date: formatDate(lang, deps.settings.timeZone, ticket.limits.validUntil),
            }),
    profileLabel:
      deps.services.profiles().find((p) => p.name === ticket.profileName)?.label ?? ticket.profileName,
    note: batch?.note ?? null,
    charterVersion: batch?.charterVersion ?? null,
    openingHours,
  }));
}
