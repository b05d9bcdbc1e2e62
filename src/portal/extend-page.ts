// More time (issue #15, item 3) seen from the portal: whether the team could add time to the
// client's ticket now (RFC 8908 `can-extend-session`), and the page its `user-portal-url`
// leads to, which says how to ask (the animators add it from the console's sessions page).

import type { Express } from 'express';
import { canExtend } from '../domain/extension';
import type { AccessDeps, ClientAccess } from '../services/client-access';
import { extendedToday } from '../services/extend-ticket';
import { basePageLocals, locals } from './context';
import { helpForm } from './help';
import { route } from './pages';
import type { PortalSettings } from './settings';

/** Whether the team could add the smallest step of time to this client's ticket now. */
export async function extensionPossible(
  access: AccessDeps,
  settings: PortalSettings,
  a: ClientAccess,
): Promise<boolean> {
  if (!a.ticket || !settings.extensions) return false;
  const now = access.clock.now();
  const used = await extendedToday(access, settings.spaceId ?? 'default', a.ticket.id, now);
  return canExtend(a.ticket, now, used, settings.extensions);
}

export function registerExtendPage(
  app: Express,
  deps: { access: AccessDeps; settings: PortalSettings },
): void {
  const { access, settings } = deps;
  app.get(
    '/extend',
    route(async (req, res) => {
      const { t } = locals(res);
      const a = await locals(res).access();
      const possible = a !== null && (await extensionPossible(access, settings, a));
      res.render('portal/help', {
        ...basePageLocals(req, res, settings),
        title: t('extend.title'),
        intro: possible ? t('extend.text') : t('extend.none'),
        help: helpForm(req, res, settings, 'status'),
        back: '/status',
      });
    }),
  );
}
