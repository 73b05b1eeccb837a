import { describe, expect, it } from 'vitest';
import { addressAllowed, checkEndpointUrl, classifyAddress, refusedAddresses } from '#shared/domain/webhooks/webhook-endpoint.ts';

describe('where a webhook may be delivered', () => {
  it('accepts an https URL with a host name, a port, a path and a query', () => {
    // Act
    const verdict = checkEndpointUrl('https://oa.haishu.gov.cn:8443/hooks/signals?channel=duty', 'refused');

    // Assess
    expect(verdict).toMatchObject({ ok: true, endpoint: { host: 'oa.haishu.gov.cn', literal: false } });
  });

  it.each([
    ['http://oa.haishu.gov.cn/hooks', 'https'],
    ['ftp://oa.haishu.gov.cn/hooks', 'https'],
    ['https://user:pass@oa.haishu.gov.cn/hooks', 'user name or password'],
    ['https://token@oa.haishu.gov.cn/hooks', 'user name or password'],
    ['https://203.0.114.7/hooks', 'not an IP address'],
    ['https://[2400:3200::1]/hooks', 'not an IP address'],
    ['https://localhost/hooks', 'loopback'],
    ['https://intranet/hooks', 'fully qualified'],
    ['not a url', 'not a valid URL'],
    [`https://oa.haishu.gov.cn/${'a'.repeat(2100)}`, 'at most 2048'],
  ])('refuses %s, saying why', (url, why) => {
    // Act
    const verdict = checkEndpointUrl(url, 'refused');

    // Assess
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason.en).toContain(why);
    expect(verdict.ok ? '' : verdict.reason.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a test subscriber on this machine unless the local switch allows loopback, and then allows only loopback', () => {
    // Act
    const refused = ['http://127.0.0.1:8080/hook', 'https://127.0.0.1/hook', 'http://localhost:9000/hook', 'http://[::1]:9000/hook'].map((url) =>
      checkEndpointUrl(url, 'refused'),
    );
    const allowed = ['http://127.0.0.1:8080/hook', 'http://localhost:9000/hook', 'http://[::1]:9000/hook'].map((url) => checkEndpointUrl(url, 'allowed'));
    const stillRefused = ['http://10.0.0.8/hook', 'http://oa.haishu.gov.cn/hook', 'https://192.168.1.1/hook'].map((url) => checkEndpointUrl(url, 'allowed'));

    // Assess
    expect(refused.map((verdict) => verdict.ok)).toEqual([false, false, false, false]);
    expect(allowed.map((verdict) => verdict.ok)).toEqual([true, true, true]);
    expect(stillRefused.map((verdict) => verdict.ok)).toEqual([false, false, false]);
  });

  it.each([
    ['8.8.8.8', 'public'],
    ['114.114.114.114', 'public'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.10.10', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.200.0.9', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['0.0.0.0', 'reserved'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'reserved'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2400:3200::1', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
    ['not an address', 'reserved'],
  ])('classifies %s as %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('allows public addresses, and loopback only under the local switch', () => {
    expect(addressAllowed('8.8.8.8', 'refused')).toBe(true);
    expect(addressAllowed('127.0.0.1', 'refused')).toBe(false);
    expect(addressAllowed('127.0.0.1', 'allowed')).toBe(true);
    expect(addressAllowed('10.0.0.1', 'allowed')).toBe(false);
    expect(addressAllowed('::ffff:127.0.0.1', 'refused')).toBe(false);
  });

  it('names the first address a host resolves to that is not allowed, and a host that resolves to nothing', () => {
    // Act
    const rebound = refusedAddresses(['203.0.113.9', '8.8.8.8'], 'refused');
    const mixed = refusedAddresses(['8.8.8.8', '10.0.0.7'], 'refused');
    const none = refusedAddresses([], 'refused');
    const fine = refusedAddresses(['8.8.8.8', '2400:3200::1'], 'refused');

    // Assess
    expect(rebound?.en).toBe('the host resolves to a reserved address (203.0.113.9)');
    expect(mixed).toEqual({ zh: '主机解析为内网地址（10.0.0.7）', en: 'the host resolves to a private address (10.0.0.7)' });
    expect(none?.en).toBe('the host name does not resolve');
    expect(fine).toBeUndefined();
  });
});
