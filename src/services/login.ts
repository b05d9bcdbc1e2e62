// A resident logs in from the portal: the one use case behind the welcome form. Steps, in
// order: read the form → charter ticked → rate limit (an attempt taken before the lookup) →
// find the ticket and check it (no write yet) → record the charter acceptance → redeem →
// start (or reuse) the session → let the device through → announce the new session (with the NAT port block the gateway
// gave, for the legal journal). A refusal before the acceptance changes nothing in the store
// except the wrong-code count.

import { z } from 'zod';
import { deviceKey, type Device } from '../domain/device';
import { EcnError, isEcnError } from '../domain/errors';
import { freeAccessKey, freeSecondsLeft, startFreeAccess } from '../domain/free-access';
import { blockedUntil, throttleKey, type TakenAttempt } from '../domain/throttle';
import { normalizeCode } from '../domain/ticket-code';
import { bytesLeft, redeem, secondsLeft, type Ticket } from '../domain/ticket';
import type { Language } from '../domain/charter';
import type { NatPorts, Session } from '../domain/session';
import { acceptCharter } from './accept-charter';
import { openSessionsOf, type AccessDeps } from './client-access';
import { findTicket } from './find-ticket';
import { capAtClosing, refuseWhenClosed } from './opening-hours';
import { giveBack, takeAttempts } from './guess-limit';
import { redeemTicket } from './redeem-ticket';
import { announceSession, endSession, findOpenSession, startSession } from './sessions';

/** The welcome form as posted; anything else is refused before the store is touched. */
export const loginForm = z.object({
  charter: z.string().max(8).optional(),
  code: z.string().max(64).optional(),
});

export interface LoginRequest {
  form: unknown;
  device: Device;
  lang: Language;
}

export interface LoginResult {
  session: Session;
  ticket: Ticket | null;
  secondsLeft: number;
  bytesLeft: number | null;
  /** True when the device already had an open session under this ticket. */
  resumed: boolean;
}

export async function login(deps: AccessDeps, req: LoginRequest): Promise<LoginResult> {
  const form = readForm(req.form);
  refuseWhenClosed(deps);
  requireCharter(form.charter);
  const typed = (form.code ?? '').trim();
  if (typed === '') {
    if (deps.policy.freeAccess.enabled) return loginFree(deps, req.device, req.lang);
    throw new EcnError('ECN_ERR_TICKET_CODE_MISSING', 'Type the code printed on your ticket.');
  }
  const { code, ticket } = await admitTicket(deps, req, typed);
  const redeemed = await redeemTicket(deps, { code, device: req.device, via: 'portal' });
  await deps.store.deleteCounter(throttleKey(deviceKey(req.device)));
  const existing = await findOpenSession(deps, ticket.id, req.device);
  const session =
    existing ??
    (await startSession(
      deps,
      { ticketId: ticket.id, device: req.device, origin: { kind: 'local' } },
      { announce: false },
    ));
  const now = deps.clock.now();
  const result: LoginResult = {
    session,
    ticket: redeemed.ticket,
    secondsLeft: secondsLeft(redeemed.ticket, now),
    bytesLeft: bytesLeft(redeemed.ticket),
    resumed: existing !== null,
  };
  await authorize(deps, result);
  return result;
}

function readForm(input: unknown): z.infer<typeof loginForm> {
  const parsed = loginForm.safeParse(input);
  if (!parsed.success) {
    throw new EcnError('ECN_ERR_INPUT_INVALID', 'The form could not be read.', {
      fields: parsed.error.issues.map((i) => i.path.join('.')),
    });
  }
  return parsed.data;
}

function requireCharter(value: string | undefined): void {
  if (value !== 'yes') {
    throw new EcnError('ECN_ERR_CHARTER_NOT_ACCEPTED', 'Tick the box to accept the charter.');
  }
}

/** A device that must wait is told so even for a code that is not well formed. */
async function refuseWhileWaiting(deps: AccessDeps, device: Device): Promise<void> {
  const until = blockedUntil(await deps.store.getCounter(throttleKey(deviceKey(device))), deps.clock.now());
  if (until !== null) {
    deps.events.emit('guess.refused', { limit: 'portal_device' });
    tooManyTries(until);
  }
}

function tooManyTries(until: number): never {
  throw new EcnError('ECN_ERR_TOO_MANY_TRIES', 'Too many wrong codes; try again later.', {
    retryAt: until,
  });
}

/**
 * Takes an attempt for the device before the code is looked up, so codes sent in parallel
 * cannot all be tried; a running wait refuses before any lookup.
 */
async function takeCodeAttempt(deps: AccessDeps, device: Device): Promise<TakenAttempt[]> {
  const admission = await takeAttempts(deps, [
    { limit: 'portal_device', key: throttleKey(deviceKey(device)), policy: deps.policy.throttle },
  ]);
  if (!admission.allowed) tooManyTries(admission.until);
  return admission.taken;
}

/**
 * Unknown codes stay counted against the device; the one that reached the limit already
 * blocks. A code that names a ticket was no guess: its attempt is given back.
 */
async function findOrCountWrongCode(deps: AccessDeps, taken: TakenAttempt[], code: string): Promise<Ticket> {
  let ticket: Ticket;
  try {
    ticket = await findTicket(deps.store, code);
  } catch (err) {
    if (!isEcnError(err, 'ECN_ERR_TICKET_UNKNOWN')) throw err;
    deps.events.emit('ticket.refused', { code: err.code, via: 'portal' });
    const counter = taken[0]!.after;
    const until = blockedUntil(counter, deps.clock.now());
    if (until !== null) tooManyTries(until);
    throw new EcnError('ECN_ERR_TICKET_UNKNOWN', err.message, {
      triesLeft: Math.max(0, deps.policy.throttle.maxTries - counter.count),
    });
  }
  await giveBack(deps, taken);
  return ticket;
}

/** Runs the redemption rules without writing, so a refused ticket changes nothing. */
function precheck(deps: AccessDeps, ticket: Ticket, device: Device): void {
  try {
    redeem(ticket, deviceKey(device), deps.clock.now());
  } catch (err) {
    if (isEcnError(err)) deps.events.emit('ticket.refused', { code: err.code, via: 'portal' });
    throw err;
  }
}

async function loginFree(deps: AccessDeps, device: Device, lang: Language): Promise<LoginResult> {
  const now = deps.clock.now();
  const key = freeAccessKey(deps.store.spaceId, deviceKey(device), deps.policy.dayOf(now));
  const before = await deps.store.getCounter(key);
  if (before && freeSecondsLeft(before, now) === 0) {
    throw new EcnError('ECN_ERR_FREE_ACCESS_USED', "Today's free time for this device is used up.");
  }
  await acceptCharter(deps, { device, charterVersion: deps.policy.charterVersion, lang, ticketId: null });
  const counter = await deps.store.updateCounter(key, (cur) =>
    startFreeAccess(cur, key, now, deps.policy.freeAccess.dailyAllowanceSeconds),
  );
  const existing = (await openSessionsOf(deps, device)).find((s) => s.ticketId === null);
  const session =
    existing ??
    (await startSession(deps, { ticketId: null, device, origin: { kind: 'local' } }, { announce: false }));
  const result: LoginResult = {
    session,
    ticket: null,
    secondsLeft: freeSecondsLeft(counter, now),
    bytesLeft: null,
    resumed: existing !== undefined,
  };
  await authorize(deps, result);
  return result;
}

/**
 * Lets the device through, then announces a new session with the NAT port block the gateway
 * gave. If the gateway fails, a new session is closed unannounced (it never carried traffic, so
 * the journal has nothing to name) and none is left dangling. Running out of port blocks keeps
 * its own code: the device is refused rather than let through unattributable.
 */
async function authorize(deps: AccessDeps, r: LoginResult): Promise<void> {
  const limits = r.ticket?.limits;
  let natPorts: NatPorts | null = null;
  try {
    const outcome = await deps.gateway.authorize({
      device: r.session.device,
      sessionId: r.session.id,
      // The gateway lets go at closing time by itself; the sweeper ends the session then.
      secondsLeft: capAtClosing(deps, deps.clock.now(), r.secondsLeft),
      bytesLeft: r.bytesLeft,
      bandwidthUpBps: limits?.bandwidthUpBps ?? null,
      bandwidthDownBps: limits?.bandwidthDownBps ?? null,
      idleTimeoutSeconds: limits?.idleTimeoutSeconds ?? null,
    });
    natPorts = outcome?.natPorts ?? null;
  } catch (err) {
    if (!r.resumed) await endSession(deps, r.session.id, 'disconnected', { announce: false });
    if (isEcnError(err, 'ECN_ERR_NAT_PORTS_EXHAUSTED')) throw err;
    throw new EcnError(
      'ECN_ERR_GATEWAY_FAILED',
      'The gateway could not let the device through.',
      {},
      { cause: err },
    );
  }
  if (natPorts !== null) r.session = { ...r.session, natPorts };
  if (!r.resumed) announceSession(deps, r.session);
}

export interface NasLoginResult {
  ticket: Ticket;
  /** The normalised code: the RADIUS User-Name and CHAP password the router will send. */
  code: string;
}

/**
 * A login that a RADIUS router finishes (CoovaChilli): the same form, charter, rate limit and
 * ticket checks as `login`, and the charter acceptance recorded; the redemption and the
 * session are left to our RADIUS server, which the router asks next (Access-Request, then
 * Accounting-Start), so a ticket is not counted twice. No ticket, no RADIUS user: free
 * access is not offered through this path.
 */
export async function checkNasLogin(deps: AccessDeps, req: LoginRequest): Promise<NasLoginResult> {
  const form = readForm(req.form);
  refuseWhenClosed(deps);
  requireCharter(form.charter);
  const typed = (form.code ?? '').trim();
  if (typed === '')
    throw new EcnError('ECN_ERR_TICKET_CODE_MISSING', 'Type the code printed on your ticket.');
  const { ticket } = await admitTicket(deps, req, typed);
  await deps.store.deleteCounter(throttleKey(deviceKey(req.device)));
  return { ticket, code: ticket.code };
}

/**
 * The steps both logins share once a code was typed: the wrong-code wait, the code read
 * back, the ticket found (an unknown code counts against the device), its rules checked
 * without writing, and the charter acceptance recorded.
 */
async function admitTicket(
  deps: AccessDeps,
  req: LoginRequest,
  typed: string,
): Promise<{ code: string; ticket: Ticket }> {
  await refuseWhileWaiting(deps, req.device);
  const code = normalizeCode(typed);
  const taken = await takeCodeAttempt(deps, req.device);
  const ticket = await findOrCountWrongCode(deps, taken, code);
  precheck(deps, ticket, req.device);
  await acceptCharter(deps, {
    device: req.device,
    charterVersion: deps.policy.charterVersion,
    lang: req.lang,
    ticketId: ticket.id,
  });
  return { code, ticket };
}
