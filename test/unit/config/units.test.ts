import { parseDuration, parseListen, parseRate, parseSize } from '../../../src/config/units';

describe('config units', () => {
  it.each([
    ['45s', 45],
    ['30m', 1800],
    ['1h30m', 5400],
    ['2d', 172800],
    ['1w', 604800],
    ['3600', 3600],
    [90, 90],
    ['1x', null],
    ['h', null],
    ['1h junk', null],
    [-1, null],
  ])('duration %p → %p', (input, expected) => expect(parseDuration(input)).toBe(expected));

  it.each([
    ['500MB', 500e6],
    ['2GiB', 2 * 1024 ** 3],
    ['1024', 1024],
    ['1.5 GB', 1.5e9],
    ['12 parsecs', null],
  ])('size %p → %p', (input, expected) => expect(parseSize(input)).toBe(expected));

  it.each([
    ['512kbit', 512e3],
    ['2Mbit', 2e6],
    ['2mbps', 2e6],
    ['fast', null],
    [0, null],
  ])('rate %p → %p', (input, expected) => expect(parseRate(input)).toBe(expected));

  it.each([
    ['127.0.0.1:8080', { host: '127.0.0.1', port: 8080 }],
    ['[::1]:1812', { host: '::1', port: 1812 }],
    ['localhost:0', { host: 'localhost', port: 0 }],
    ['127.0.0.1', null],
    ['127.0.0.1:70000', null],
    ['::1:80', null],
  ])('listen %p → %p', (input, expected) => expect(parseListen(input)).toEqual(expected));
});
