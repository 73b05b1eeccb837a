/**
 * The caller's address behind the site's distribution: the viewer's when the distribution named
 * one, else API Gateway's source.
 */
import { describe, expect, it } from 'vitest';
import { callerAddress } from '#shared/access/viewer-address.ts';

const edge = '130.176.0.15';

describe('callerAddress', () => {
  it.each([
    ['an IPv4 viewer, header in any letter case', { 'X-Viewer-Address': '192.0.2.7' }, '192.0.2.7'],
    ['an IPv6 viewer', { 'x-viewer-address': '2001:db8::7' }, '2001:db8::7'],
    ['surrounding spaces', { 'x-viewer-address': ' 192.0.2.7 ' }, '192.0.2.7'],
  ])('takes the viewer for %s', (_case, headers, expected) => {
    expect(callerAddress(headers, edge)).toBe(expected);
  });

  it.each([
    ['no header', {}],
    ['no headers at all', null],
    ['an empty header', { 'x-viewer-address': '' }],
    ['an address with a port', { 'x-viewer-address': '192.0.2.7:443' }],
    ['a list of addresses', { 'x-viewer-address': '192.0.2.7, 198.51.100.1' }],
    ['a name', { 'x-viewer-address': 'localhost' }],
  ])('keeps the source address for %s', (_case, headers) => {
    expect(callerAddress(headers, edge)).toBe(edge);
  });
});
