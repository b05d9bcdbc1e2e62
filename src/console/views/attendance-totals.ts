// The month's attendance totals in words, as the console page and `ecn attendance list` say them.

import type { AttendanceSummary } from '../../domain/attendance';
import type { ConsoleLanguage } from '../../domain/languages';
import { formatNumber } from '../../i18n/format';
import type { ConsoleTranslate } from '../i18n';

export function attendanceTotals(
  t: ConsoleTranslate,
  lang: ConsoleLanguage,
  summary: AttendanceSummary,
): string[] {
  const hours = (minutes: number) => formatNumber(lang, minutes / 60, 1);
  return [
    t('attendance.total.desk', { n: summary.deskVisits }),
    t('attendance.total.workshops', {
      n: summary.workshops,
      people: summary.workshopParticipants,
      hours: hours(summary.workshopMinutes),
    }),
    t('attendance.total.individual', {
      n: summary.individualSessions,
      hours: hours(summary.individualMinutes),
    }),
  ];
}
