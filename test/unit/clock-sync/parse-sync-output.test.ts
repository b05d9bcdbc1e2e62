// Reading what timedatectl, chronyc and adjtimex print (test/fixtures/clock-sync): anything not
// understood is "unknown", never "synchronised". Recorded on the Debian development machine:
// adjtimex-unsync (`adjtimex --print` of its kernel) and timedatectl-no-systemd (a container
// without systemd). adjtimex-sync is that recording with a synchronised status word; the
// timedatectl yes/no and chronyc outputs follow the tools' documented formats (no chronyd and
// no booted systemd could be run here).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  parseAdjtimexPrint,
  parseChronycTracking,
  parseYesNo,
} from '../../../src/clock-sync/parse-sync-output';

const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '../../fixtures/clock-sync', name), 'utf8');

describe('timedatectl show -p NTPSynchronized --value (and a command source)', () => {
  it('reads yes and no', () => {
    expect(parseYesNo(fixture('timedatectl-yes.txt')).state).toBe('synchronised');
    expect(parseYesNo(fixture('timedatectl-no.txt')).state).toBe('unsynchronised');
    expect(parseYesNo(' YES \n').state).toBe('synchronised');
  });

  it('says unknown for a machine without systemd, an empty answer or anything else', () => {
    const noSystemd = parseYesNo(fixture('timedatectl-no-systemd.txt'));
    expect(noSystemd.state).toBe('unknown');
    expect(noSystemd.detail).toContain('System has not been booted with systemd');
    expect(parseYesNo('').state).toBe('unknown');
    expect(parseYesNo('yes\nno\n').state).toBe('unknown');
    expect(parseYesNo('synchronised').state).toBe('unknown');
  });
});

describe('chronyc tracking', () => {
  it('reads the leap status of a synchronised and an unsynchronised chronyd', () => {
    expect(parseChronycTracking(fixture('chronyc-tracking-normal.txt'))).toEqual({
      state: 'synchronised',
      detail: 'leap status Normal',
    });
    expect(parseChronycTracking(fixture('chronyc-tracking-unsync.txt'))).toEqual({
      state: 'unsynchronised',
      detail: 'leap status Not synchronised',
    });
    const leap = fixture('chronyc-tracking-normal.txt').replace('Normal', 'Insert second');
    expect(parseChronycTracking(leap).state).toBe('synchronised');
  });

  it('says unknown when chronyd does not answer or the status is new', () => {
    expect(parseChronycTracking(fixture('chronyc-no-daemon.txt')).state).toBe('unknown');
    const odd = fixture('chronyc-tracking-normal.txt').replace('Normal', 'Sideways');
    expect(parseChronycTracking(odd).state).toBe('unknown');
  });
});

describe('adjtimex --print (the kernel status word)', () => {
  it('reads STA_UNSYNC from a recorded kernel status', () => {
    const unsync = parseAdjtimexPrint(fixture('adjtimex-unsync.txt'));
    expect(unsync.state).toBe('unsynchronised');
    expect(unsync.detail).toContain('status 64');
    expect(parseAdjtimexPrint(fixture('adjtimex-sync.txt')).state).toBe('synchronised');
  });

  it('says unknown without a status line', () => {
    expect(parseAdjtimexPrint('adjtimex: Operation not permitted\n').state).toBe('unknown');
    expect(parseAdjtimexPrint('').state).toBe('unknown');
  });
});
