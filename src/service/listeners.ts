// The service's listeners as components: the portal (http, https), retention, the console,
// RADIUS, and last the control socket, from the core and access parts built before them.

import type { Component } from '../lifecycle';
import { formatListen, parseListen } from '../config/units';
import { HttpListener } from '../http-listener';
import { createPortalApp } from '../portal/app';
import { httpCategoryLookup } from '../portal/category-lookup';
import { createRadiusComponents, type RadiusComponents } from '../radius/radius-components';
import { createConsoleApp } from '../console/app';
import { consoleDeps } from '../console/compose-console';
import { ConsoleHousekeeping } from '../console/housekeeping';
import { StorePurge } from '../services/purge-store';
import { ControlServer } from '../control/control-server';
import { controlHandler } from '../control/control-handler';
import { controlSocketPath } from '../control/control-protocol';
import type { AccessParts, CoreParts, Service, ServiceInput } from './components';

type Address = string | null;

/** The portal (http, https), retention, the console, RADIUS, and last the control socket. */
export function listenerParts(input: ServiceInput, core: CoreParts, parts: AccessParts): Service {
  const { config, logger } = input;
  const { portal, portalHttps } = portalListeners(input, core, parts);
  const consoleListener = config.console.enabled ? consoleListenerOf(input, core, parts) : null;
  const radius = radiusParts(config, parts.access, logger);
  const components: Component[] = [
    portal,
    ...(portalHttps ? [portalHttps] : []),
    // Retention (issue 13): the store forgets what the privacy notice says it forgets, daily.
    new StorePurge(core.deps, config.retention, logger.child({ module: 'retention' })),
    new ConsoleHousekeeping(
      core.deps,
      config.console.auditRetentionDays,
      logger.child({ module: 'console' }),
    ),
    ...(consoleListener ? [consoleListener] : []),
    ...(radius ? [radius.disconnect, radius.auth, radius.acct] : []),
    // The `ecn` command asks the running service to issue and revoke (issue #12): its gateway,
    // RADIUS Disconnect client, metrics and audit trail then see it at once. Started last, so
    // every subscriber is in place before the first request.
    new ControlServer(
      controlSocketPath(config.dataDir),
      controlHandler(parts.access),
      logger.child({ module: 'control' }),
    ),
  ];
  const summary = summaryOf(input, {
    portal: () => address(portal),
    metrics: () => address(core.metricsListener),
    console: () => (consoleListener ? address(consoleListener) : null),
    portalHttps: () => (portalHttps ? address(portalHttps) : null),
    radiusAuthPort: () => radius?.auth.boundPort() ?? null,
    radiusAcctPort: () => radius?.acct.boundPort() ?? null,
  });
  return { components, summary };
}

/**
 * RADIUS (issue 4): authentication and accounting servers, Disconnect client, on the same
 * event bus as the portal, so a revocation anywhere in this process disconnects at the NAS;
 * with the access policy, so the opening hours hold at the access points too, and as the
 * access points' session control, so time added in the console reaches them (issue #15).
 */
function radiusParts(
  config: ServiceInput['config'],
  access: AccessParts['access'],
  logger: ServiceInput['logger'],
): RadiusComponents | null {
  if (!config.radius.enabled) return null;
  const radius = createRadiusComponents(config.radius, access, logger.child({ module: 'radius' }));
  access.nasSessions = radius.disconnect;
  if (config.radius.clients.length === 0) {
    logger.warn('RADIUS runs with no access point declared (radius.clients): every packet is dropped');
  }
  return radius;
}

/** The portal app on http, and the same app over https for the RFC 8908 API and its pages. */
function portalListeners(
  { config, certificates, logger, version }: ServiceInput,
  core: CoreParts,
  parts: AccessParts,
): { portal: HttpListener; portalHttps: HttpListener | null } {
  const portal = new HttpListener(
    'portal',
    createPortalApp({
      store: core.store,
      logger: logger.child({ module: 'portal' }),
      version,
      spaceId: config.space.id,
      access: parts.access,
      settings: core.portal,
      texts: core.texts,
      categoryLookup: httpCategoryLookup(parseListen(config.filter.lookupListen)!),
      clockSync: () => core.clockSync.current(),
      storeHealth: () => core.storeMonitor.current(),
    }),
    parseListen(config.portal.listen)!,
  );
  // Probes stay on http.
  const portalHttps = certificates.portal
    ? new HttpListener(
        'portal-https',
        portal.handler,
        parseListen(config.portal.apiListen)!,
        certificates.portal,
      )
    : null;
  return { portal, portalHttps };
}

/** Animators' console (issue 7): its own listener, same services and event bus as the portal. */
function consoleListenerOf(
  { config, certificates, logger, version }: ServiceInput,
  core: CoreParts,
  parts: AccessParts,
): HttpListener {
  const deps = consoleDeps(
    config,
    parts.access,
    core.portal,
    logger.child({ module: 'console' }),
    version,
    core.live,
    {
      stats: core.stats,
      journal: core.journal,
    },
  );
  return new HttpListener(
    'console',
    createConsoleApp({
      ...deps,
      clockSync: () => core.clockSync.current(),
      storeHealth: () => core.storeMonitor.current(),
    }),
    parseListen(config.console.listen)!,
    certificates.console,
  );
}

function address(l: HttpListener): Address {
  const a = l.boundAddress();
  return a ? formatListen({ host: a.address, port: a.port }) : null;
}

/** The "started" log line: addresses bound (read once listening) and the certificates' fingerprints. */
function summaryOf(
  { config, certificates, version }: ServiceInput,
  bound: Record<'portal' | 'metrics' | 'console' | 'portalHttps', () => Address> &
    Record<'radiusAuthPort' | 'radiusAcctPort', () => number | null>,
): () => Record<string, unknown> {
  return () => ({
    version,
    space: config.space.id,
    store: config.store.kind,
    portal: bound.portal(),
    metrics: bound.metrics(),
    console: bound.console(),
    consoleTls: certificates.console !== null,
    portalHttps: bound.portalHttps(),
    // What staff compare with what their browser shows the first time (docs/deploy-box.md).
    consoleFingerprint: certificates.console?.fingerprint ?? null,
    portalFingerprint: certificates.portal?.fingerprint ?? null,
    radiusAuthPort: bound.radiusAuthPort(),
    radiusAcctPort: bound.radiusAcctPort(),
  });
}
