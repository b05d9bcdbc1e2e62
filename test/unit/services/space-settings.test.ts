// The live settings: the stored changes over the configuration's values, applied at load and
// after each save, a refused edit writing nothing, and the command's profiles read once, frozen.

import { MemoryStore } from '../../../src/store/memory-store';
import {
  LiveSpaceSettings,
  mergeSettings,
  profilesInForce,
  type SpaceValues,
} from '../../../src/services/space-settings';
import { LANGUAGES, type CharterText, type Language } from '../../../src/domain/charter';
import { makeDeps, profile } from '../../helpers/fakes';

function charter(lang: Language, title: string): CharterText {
  return {
    version: '2026-11',
    lang,
    title,
    summary: ['s'],
    sections: [{ title: 'a', paragraphs: ['p'], items: [] }],
  };
}

const DEFAULTS: SpaceValues = {
  name: 'Espace',
  colors: { primary: '#1d4e89', accent: '#ffd166' },
  logo: null,
  wifi: null,
  hours: { openingHours: {}, closures: [] },
  links: [],
  profiles: [profile()],
  charter: {
    version: '2026-11',
    publishedAt: null,
    texts: Object.fromEntries(LANGUAGES.map((l) => [l, charter(l, `file ${l}`)])) as Record<
      Language,
      CharterText
    >,
  },
  filter: { categories: ['adult'], allow: [], block: [] },
};

let store: MemoryStore;
beforeEach(async () => {
  store = new MemoryStore('roubaix-demo');
  await store.start();
});
afterEach(async () => {
  await store.stop();
});

describe('mergeSettings', () => {
  it('keeps the configuration where nothing was stored', () => {
    expect(mergeSettings(DEFAULTS, null)).toBe(DEFAULTS);
    expect(mergeSettings(DEFAULTS, { updatedAt: 1, updatedBy: 'x', version: 1 })).toEqual(DEFAULTS);
  });

  it('lays each stored field over its default; a French charter keeps the other languages under the new version', () => {
    const v = mergeSettings(DEFAULTS, {
      space: { name: 'Nouveau', colors: { primary: '#000000', accent: '#ffffff' } },
      logo: { type: 'image/png', base64: Buffer.from('png').toString('base64') },
      charter: {
        version: '2026-12',
        publishedAt: 5,
        texts: { fr: { ...charter('fr', 'nouvelle'), version: '2026-12' } },
      },
      updatedAt: 1,
      updatedBy: 'x',
      version: 1,
    });
    expect(v.name).toBe('Nouveau');
    expect(v.logo).toEqual({ type: 'image/png', body: Buffer.from('png') });
    expect(v.charter.texts.fr.title).toBe('nouvelle');
    expect(v.charter.texts.en).toMatchObject({ title: 'file en', version: '2026-12' });
    expect(v.wifi).toBeNull();
    // A logo removed in the console stays removed even when the file names one.
    expect(
      mergeSettings(
        { ...DEFAULTS, logo: { type: 'image/png', body: Buffer.from('x') } },
        { logo: null, updatedAt: 1, updatedBy: 'x', version: 1 },
      ).logo,
    ).toBeNull();
  });
});

describe('LiveSpaceSettings', () => {
  it('applies at load and after a save, and a later start sees the save', async () => {
    const applied: SpaceValues[] = [];
    const deps = makeDeps(store);
    const live = new LiveSpaceSettings(deps, DEFAULTS, (v) => applied.push(v));
    await live.load();
    expect(applied).toEqual([DEFAULTS]);
    await live.save('marie', (s) => ({ ...s, space: { name: 'B', colors: DEFAULTS.colors } }));
    expect(applied[1]!.name).toBe('B');
    expect(live.stored).toMatchObject({ updatedBy: 'marie', updatedAt: deps.clock.now() });

    const again = new LiveSpaceSettings(deps, DEFAULTS, () => {});
    expect((await again.load()).name).toBe('B');
  });

  it('picks up what another process saved for this space (the `ecn` command), once', async () => {
    const here: SpaceValues[] = [];
    const deps = makeDeps(store);
    const thisBox = new LiveSpaceSettings(deps, DEFAULTS, (v) => here.push(v));
    const otherBox = new LiveSpaceSettings(deps, DEFAULTS, () => {});
    await thisBox.load();
    await otherBox.load();
    expect(await thisBox.refresh()).toBe(false);
    await otherBox.save('marie', (s) => ({ ...s, space: { name: 'Autre box', colors: DEFAULTS.colors } }));
    expect(await thisBox.refresh()).toBe(true);
    expect(thisBox.current().name).toBe('Autre box');
    expect(here.at(-1)!.name).toBe('Autre box');
    expect(await thisBox.refresh()).toBe(false);
  });

  it('gives frozen snapshots: what was read before a change stays as it was, current() has the new', async () => {
    const live = new LiveSpaceSettings(makeDeps(store), DEFAULTS);
    const told: string[] = [];
    const unsubscribe = live.onChange((v) => told.push(v.name));
    const before = await live.load();
    await live.save('marie', (s) => ({ ...s, space: { name: 'Nouveau nom', colors: DEFAULTS.colors } }));
    expect(before.name).toBe(DEFAULTS.name);
    expect(Object.isFrozen(before)).toBe(true);
    expect(Object.isFrozen(before.colors)).toBe(true);
    expect(() => {
      (before as { name: string }).name = 'changed in place';
    }).toThrow(TypeError);
    expect(live.current().name).toBe('Nouveau nom');
    expect(live.current()).not.toBe(before);
    expect(told).toEqual([DEFAULTS.name, 'Nouveau nom']);
    unsubscribe();
    await live.save('marie', (s) => ({ ...s, space: { name: 'Encore', colors: DEFAULTS.colors } }));
    expect(told).toHaveLength(2);
  });

  it('writes and applies nothing when the edit refuses', async () => {
    const applied: SpaceValues[] = [];
    const live = new LiveSpaceSettings(makeDeps(store), DEFAULTS, (v) => applied.push(v));
    await expect(
      live.save('marie', () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(applied).toEqual([]);
    expect(await store.getSettings()).toBeNull();
  });
});

describe('profiles for the command line', () => {
  it('gives the command line the profiles saved in the console, frozen', async () => {
    const configured = [profile()];
    expect(await profilesInForce(store, configured)).toEqual(configured);
    await store.updateSettings(() => ({
      profiles: [profile({ name: 'atelier', isDefault: true })],
      updatedAt: 1,
      updatedBy: 'marie',
      version: 0,
    }));
    const read = await profilesInForce(store, configured);
    expect(read.map((p) => p.name)).toEqual(['atelier']);
    expect(Object.isFrozen(read) && Object.isFrozen(read[0])).toBe(true);
    expect(configured.map((p) => p.name)).toEqual(['1h']);
  });
});
