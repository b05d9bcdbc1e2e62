// The walled garden of the useful links (issue #15, item 8) with a fake resolver and a gateway
// that records what it is asked: only the marked links' public addresses are opened, on 443, with
// the timeout given; a settings change applies at once; the welcome page's list is what the
// gateway holds open, and nothing when it does not enforce (none, openNDS, CoovaChilli).

import type { SpaceLink } from '../../../src/domain/console';
import type { GardenEntry, GardenOutcome } from '../../../src/domain/ports';
import { createLogger } from '../../../src/log';
import { resolverThrough, WalledGarden } from '../../../src/services/walled-garden';
import { HandOffGateway } from '../../../src/gateway/hand-off-gateway';
import { NoopGateway } from '../../../src/gateway/noop-gateway';

const ANSWERS: Record<string, string[]> = {
  'sante.example.org': ['198.51.100.20', '2001:db8:ec::20'],
  'emploi.example.org': ['198.51.100.30'],
  // A public name answered with a private address (a rebinding answer), or the portal's own
  // address (the filter's answer for a blocked name): never opened.
  'rebind.example.org': ['192.168.1.10'],
  'bloque.example.org': ['192.0.2.1'],
};

class RecordingGateway {
  calls: { entries: GardenEntry[]; timeout: number }[] = [];
  outcome: GardenOutcome = 'applied';
  async setGarden(entries: readonly GardenEntry[], timeout: number): Promise<GardenOutcome> {
    this.calls.push({ entries: [...entries], timeout });
    return this.outcome;
  }
}

function garden(links: SpaceLink[], gateway: { setGarden: RecordingGateway['setGarden'] }) {
  const resolved: string[] = [];
  const g = new WalledGarden({
    gateway,
    links: () => links,
    resolve: async (host) => {
      resolved.push(host);
      const found = ANSWERS[host];
      if (!found) throw Object.assign(new Error(`queryA ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return found;
    },
    ownAddresses: ['192.0.2.1'],
    refreshMs: 60_000,
    timeoutSeconds: 180,
    logger: createLogger('silent'),
  });
  return { g, resolved };
}

const sante: SpaceLink = { label: 'Santé', url: 'https://sante.example.org/rdv', beforeLogin: true };
const emploi: SpaceLink = { label: 'Emploi', url: 'https://emploi.example.org/' };

describe('the walled garden of the links', () => {
  it("opens only the marked links' addresses, on 443, with the timeout", async () => {
    const gw = new RecordingGateway();
    const { g, resolved } = garden([sante, emploi], gw);
    await g.start();
    await g.stop();
    expect(resolved).toEqual(['sante.example.org']);
    expect(gw.calls).toEqual([
      {
        entries: [
          { address: '198.51.100.20', port: 443 },
          { address: '2001:db8:ec::20', port: 443 },
        ],
        timeout: 180,
      },
    ]);
    expect(g.reachable()).toEqual([sante]);
  });

  it('never opens a private address, the box itself, or a name that does not resolve', async () => {
    const gw = new RecordingGateway();
    const links: SpaceLink[] = [
      { label: 'Rebind', url: 'https://rebind.example.org/', beforeLogin: true },
      { label: 'Bloqué', url: 'https://bloque.example.org/', beforeLogin: true },
      { label: 'Inconnu', url: 'https://inconnu.example.org/', beforeLogin: true },
    ];
    const { g } = garden(links, gw);
    await g.start();
    await g.stop();
    expect(gw.calls).toEqual([{ entries: [], timeout: 180 }]);
    // Nothing is promised on the welcome page.
    expect(g.reachable()).toEqual([]);
  });

  it('applies a settings change at once: a link marked, then removed', async () => {
    const gw = new RecordingGateway();
    const links: SpaceLink[] = [emploi];
    const { g } = garden(links, gw);
    await g.start();
    expect(gw.calls.at(-1)!.entries).toEqual([]);
    links[0] = { ...emploi, beforeLogin: true };
    await g.changed();
    expect(gw.calls.at(-1)!.entries).toEqual([{ address: '198.51.100.30', port: 443 }]);
    expect(g.reachable()).toEqual([links[0]]);
    links.length = 0;
    await g.changed();
    expect(gw.calls.at(-1)!.entries).toEqual([]);
    expect(g.reachable()).toEqual([]);
    await g.stop();
  });

  it('promises nothing where the gateway does not hold captive clients back', async () => {
    for (const gateway of [new NoopGateway(), new HandOffGateway('opennds')]) {
      const { g } = garden([sante], gateway);
      await g.start();
      await g.stop();
      expect(g.reachable()).toEqual([]);
    }
  });
});

describe("resolving through the box's resolver", () => {
  it('keeps the IPv4 answer when the resolver refuses AAAA, and fails only when both fail', async () => {
    const refused = Object.assign(new Error('queryAaaa EREFUSED'), { code: 'EREFUSED' });
    const resolve = resolverThrough({
      resolve4: async (h) => (h === 'a.example.org' ? ['198.51.100.20'] : Promise.reject(refused)),
      resolve6: async () => Promise.reject(refused),
    });
    expect(await resolve('a.example.org')).toEqual(['198.51.100.20']);
    await expect(resolve('b.example.org')).rejects.toThrow('EREFUSED');
  });
});
