// Feeds the daily counters from domain events: tickets issued and used, sessions and their
// hours, distinct devices (salted per day), charter acceptances, busiest hours, calls for help
// (by page, and by weekday and hour like the sessions).

import { deviceKey } from '../domain/device';
import type { Clock } from '../domain/clock';
import type { EventBus } from '../domain/events';
import { localTime } from './local-time';
import type { SqliteStats } from './sqlite-stats';

export function recordStatistics(
  bus: EventBus,
  stats: SqliteStats,
  clock: Clock,
  timeZone: string,
): () => void {
  const today = () => localTime(clock.now(), timeZone);
  const offs = [
    bus.on('ticket.issued', (e) => stats.add(today().day, 'tickets_issued', e.profileName, e.count)),
    bus.on('ticket.redeemed', (e) => {
      if (e.firstUse) stats.add(today().day, 'tickets_used', e.profileName, 1);
    }),
    bus.on('charter.accepted', (e) => {
      const day = today().day;
      stats.add(day, 'charter', e.lang, 1);
      stats.add(day, 'charter_via', e.via, 1);
    }),
    bus.on('session.started', (e) => {
      const t = today();
      stats.add(t.day, 'sessions', '', 1);
      stats.add(t.day, 'heat', `${t.weekday}-${t.hour}`, 1);
      stats.countDevice(t.day, deviceKey(e.session.device));
    }),
    bus.on('session.ended', (e) => stats.add(today().day, 'seconds', '', Math.max(0, e.durationSeconds))),
    // A call counts once, on the local day and hour it was made; asking again only refreshes it.
    bus.on('help.requested', (e) => {
      if (e.refreshed) return;
      const t = today();
      stats.add(t.day, 'help', e.page, 1);
      stats.add(t.day, 'help_heat', `${t.weekday}-${t.hour}`, 1);
    }),
  ];
  return () => offs.forEach((off) => off());
}
