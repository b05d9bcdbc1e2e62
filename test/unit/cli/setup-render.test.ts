// The pure parts of `ecn setup` (issue #16, item 2): the answers' checks, the DHCP range, the
// configuration rewritten in place, and the two catalogs.

import YAML from 'yaml';
import { answersFromConfig, checkAnswer, ipv4Interface, type Answers } from '../../../src/cli/setup/answers';
import { pickLanguage, translator } from '../../../src/cli/setup/messages';
import {
  adminNetOf,
  configSettings,
  dhcpRange,
  renderConfig,
  renderNftables,
} from '../../../src/cli/setup/render';
import { configFiles } from '../../helpers/config-files';

const ANSWERS: Answers = {
  mode: 'router',
  spaceId: 'roubaix-epeule',
  spaceName: 'Épeule',
  wifiSsid: 'ECN',
  lanIf: 'wlan0',
  wanIf: 'eth0',
  lanAddress: '10.42.0.1/24',
  adminNet: '',
  remoteWriteUrl: '',
};

describe('setup answers', () => {
  it.each([
    ['10.42.0.1/24', '10.42.0.20', '10.42.0.250', '255.255.255.0'],
    ['172.16.5.1/16', '172.16.0.20', '172.16.255.250', '255.255.0.0'],
    ['192.168.7.129/28', '192.168.7.130', '192.168.7.142', '255.255.255.240'],
  ])('hands out a DHCP range inside %s', (cidr, first, last, netmask) => {
    expect(dhcpRange(cidr)).toEqual({ first, last, netmask });
  });

  it.each([
    '10.42.0.1',
    '10.42.0.0/24',
    '10.42.0.255/24',
    '10.42.0.1/30',
    '10.42.0.1/7',
    'fd00::1/64',
    'box/24',
  ])('refuses %s as the box address', (cidr) => {
    expect(ipv4Interface(cidr)).toBeNull();
    expect(checkAnswer('lanAddress', cidr, {})?.key).toBe('bad.lanAddress');
  });

  it('checks interface names, the space id and the URL with the configuration schema', () => {
    expect(checkAnswer('lanIf', 'wl an0', {})?.key).toBe('bad.lanIf');
    expect(checkAnswer('lanIf', 'br-lan', {})).toBeNull();
    expect(checkAnswer('wanIf', 'eth0', { lanIf: 'eth0' })?.key).toBe('bad.sameIf');
    expect(checkAnswer('spaceId', 'Roubaix--X', {})?.key).toBe('bad.spaceId');
    expect(checkAnswer('remoteWriteUrl', 'ftp://x', {})?.key).toBe('bad.remoteWriteUrl');
    expect(checkAnswer('remoteWriteUrl', '', {})).toBeNull();
    expect(checkAnswer('spaceName', '', {})?.key).toBe('bad.spaceName');
  });

  it('reads its answers back from the configuration and the firewall it wrote', () => {
    const text = renderConfig(null, configSettings(ANSWERS), null, []);
    const cfg = configFiles('setup').load(text);
    const nft = renderNftables({ ...ANSWERS, adminNet: '192.168.1.0/24' });
    expect(answersFromConfig(cfg, adminNetOf(nft))).toEqual({ ...ANSWERS, adminNet: '192.168.1.0/24' });
    expect(adminNetOf(renderNftables(ANSWERS))).toBe('');
  });

  it('keeps comments and hand-made keys, and leaves a hand-edited derived key alone', () => {
    const first = renderConfig(null, configSettings(ANSWERS), null, []);
    const doc = YAML.parseDocument(first);
    doc.setIn(['portal', 'listen'], '10.42.0.1:8081');
    doc.setIn(['tickets', 'maxBatch'], 50);
    const edited = `# our box\n${doc.toString()}`;
    // Same answers: nothing moves, the hand-made port stays.
    expect(renderConfig(edited, configSettings(ANSWERS), configSettings(ANSWERS), [])).toBe(edited);
    // A new address: the keys derived from it follow.
    const moved = { ...ANSWERS, lanAddress: '10.43.0.1/24' };
    const again = YAML.parse(renderConfig(edited, configSettings(moved), configSettings(ANSWERS), [])) as {
      portal: { listen: string };
      tickets: { maxBatch: number };
    };
    expect(again.portal.listen).toBe('10.43.0.1:8080');
    expect(again.tickets.maxBatch).toBe(50);
  });
});

describe('setup catalog', () => {
  it('French by default, English with --lang en or an English locale', () => {
    expect(pickLanguage(undefined, { LANG: 'C.UTF-8' })).toBe('fr');
    expect(pickLanguage(undefined, {})).toBe('fr');
    expect(pickLanguage(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(pickLanguage('en', { LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(pickLanguage('de', {})).toBeNull();
  });

  it('fills placeholders, in both languages', () => {
    expect(translator('fr')('bad.lanIf', { value: 'a b' })).toMatch(/« a b »/);
    expect(translator('en')('bad.lanIf', { value: 'a b' })).toMatch(/"a b"/);
  });
});
