// Issue #15, item 1: the page a resident meets while the space is closed (outside its hours or
// on a closure day): the next opening in the resident's language and the space's time zone,
// and the week's hours.

import type { Request, Response } from 'express';
import { WEEKDAYS, formatRange } from '../domain/opening-hours';
import { hoursInForce } from '../services/opening-hours';
import type { AccessDeps } from '../services/client-access';
import { basePageLocals, locals } from './context';
import { formatDayTime, formatWeekday } from './i18n';
import type { PortalSettings } from './settings';

export function renderClosed(
  req: Request,
  res: Response,
  deps: { access: AccessDeps; settings: PortalSettings },
  nextOpening: number | null,
): void {
  const { lang, t } = locals(res);
  const hours = hoursInForce(deps.access);
  const week =
    hours?.week === null || hours === null
      ? null
      : WEEKDAYS.map((d, i) => ({
          day: formatWeekday(lang, i),
          ranges: hours.week![d].map((r) => formatRange(r).replace('-', '–')),
        }));
  res.render('portal/closed', {
    ...basePageLocals(req, res, deps.settings),
    title: t('closed.title'),
    text: t('closed.text', { space: deps.settings.space.name }),
    next:
      nextOpening === null
        ? t('closed.none')
        : t('closed.next', { time: formatDayTime(lang, nextOpening, deps.settings.timeZone) }),
    week,
  });
}
