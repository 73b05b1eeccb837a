/**
 * Where a webhook may be delivered (Art. 18: the system sends signals to departments): an HTTPS
 * URL without credentials, whose host is a name (never an address literal) that resolves only to
 * public addresses. A private, loopback, link-local, CGNAT, multicast or reserved address — IPv4
 * or IPv6, an IPv4 address inside IPv6 included — would let a subscriber aim the system at the
 * deployment's own network (server-side request forgery), so it is refused when the subscription
 * is made and again at every delivery (a name may be re-pointed after the check: DNS rebinding).
 *
 * One exception, for the local runtime only: with loopback targets `allowed`, a test subscriber
 * on this machine (`http://127.0.0.1:<port>`, `localhost`) may be used. Every deployment refuses
 * them (the stack sets the switch; the configuration cannot).
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { Bilingual } from '../bilingual.ts';

/** Whether loopback endpoints are allowed: `refused` everywhere but under the local runtime's switch. */
export type LoopbackTargets = 'allowed' | 'refused';

/** What an address is, for the rules of where a webhook may go. */
export type AddressClass = 'public' | 'loopback' | 'private' | 'linkLocal' | 'cgnat' | 'multicast' | 'reserved';

/** Longest URL a subscription may name. */
export const maxEndpointLength = 2048;

/** A URL that passed the rules that need no DNS: its host still has to resolve to allowed addresses. */
export interface WebhookEndpoint {
  readonly url: URL;
  /** The host to resolve (brackets of an IPv6 literal removed). */
  readonly host: string;
  /** Whether the host is an address literal (only loopback ones pass, under the switch). */
  readonly literal: boolean;
}

export type EndpointVerdict = { readonly ok: true; readonly endpoint: WebhookEndpoint } | { readonly ok: false; readonly reason: Bilingual };

const refuse = (zh: string, en: string): EndpointVerdict => ({ ok: false, reason: { zh, en } });

const loopbackNames = new Set(['localhost', 'localhost.']);

/** The rules a URL must pass before its host is resolved. */
export function checkEndpointUrl(text: string, loopback: LoopbackTargets): EndpointVerdict {
  if (text.length > maxEndpointLength) return refuse(`网址不得超过 ${maxEndpointLength} 个字符`, `at most ${maxEndpointLength} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('不是有效的网址', 'not a valid URL');
  }
  if (url.username !== '' || url.password !== '') return refuse('网址不得包含用户名或密码', 'must not carry a user name or password');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const literal = isIPv4(host) || isIPv6(host);
  const onLoopback = loopbackNames.has(host.toLowerCase()) || (literal && classifyAddress(host) === 'loopback');
  if (loopback === 'allowed' && onLoopback) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse('只接受 https 网址', 'must be an https: URL');
    return { ok: true, endpoint: { url, host, literal } };
  }
  if (url.protocol !== 'https:') return refuse('只接受 https 网址', 'must be an https: URL');
  if (literal) return refuse('主机须为域名，不得为 IP 地址', 'the host must be a name, not an IP address');
  if (onLoopback) return refuse('主机不得为本机地址', 'the host must not be this machine (loopback)');
  if (!host.includes('.')) return refuse('主机须为完整域名', 'the host must be a fully qualified name');
  return { ok: true, endpoint: { url, host, literal } };
}

/** Whether a resolved address may be called (public; loopback only under the local switch). */
export const addressAllowed = (address: string, loopback: LoopbackTargets): boolean => {
  const kind = classifyAddress(address);
  return kind === 'public' || (kind === 'loopback' && loopback === 'allowed');
};

const addressWords: Record<Exclude<AddressClass, 'public'>, Bilingual> = {
  loopback: { zh: '本机（环回）地址', en: 'a loopback address' },
  private: { zh: '内网地址', en: 'a private address' },
  linkLocal: { zh: '链路本地地址', en: 'a link-local address' },
  cgnat: { zh: '运营商级 NAT 地址', en: 'a carrier-grade NAT address' },
  multicast: { zh: '组播地址', en: 'a multicast address' },
  reserved: { zh: '保留地址', en: 'a reserved address' },
};

/** Why a host's addresses are refused, naming the first address that is not allowed (or that there is none). */
export function refusedAddresses(addresses: readonly string[], loopback: LoopbackTargets): Bilingual | undefined {
  if (addresses.length === 0) return { zh: '主机名无法解析', en: 'the host name does not resolve' };
  const refused = addresses.find((address) => !addressAllowed(address, loopback));
  if (refused === undefined) return undefined;
  const words = addressWords[classifyAddress(refused) as Exclude<AddressClass, 'public'>];
  return { zh: `主机解析为${words.zh}（${refused}）`, en: `the host resolves to ${words.en} (${refused})` };
}

/** The class of an IPv4 or IPv6 address; anything that is not an address is `reserved`. */
export function classifyAddress(address: string): AddressClass {
  if (isIPv4(address)) return classifyIPv4(ipv4Value(address));
  if (isIPv6(address)) return classifyIPv6(ipv6Value(address));
  return 'reserved';
}

const ipv4Value = (address: string): number => address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);

/** IPv4 ranges that are not public (RFC 6890 and its updates), each `[first address, prefix length, class]`. */
const ipv4Ranges: readonly (readonly [string, number, AddressClass])[] = [
  ['0.0.0.0', 8, 'reserved'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'linkLocal'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function classifyIPv4(value: number): AddressClass {
  for (const [first, length, kind] of ipv4Ranges) {
    const size = 2 ** (32 - length);
    const start = ipv4Value(first);
    if (value >= start && value < start + size) return kind;
  }
  return 'public';
}

/** The address as a 128-bit number. */
function ipv6Value(address: string): bigint {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  // A dotted IPv4 tail (`::ffff:127.0.0.1`) becomes two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const value = ipv4Value(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

const inPrefix = (value: bigint, first: bigint, length: number): boolean => value >> BigInt(128 - length) === first >> BigInt(128 - length);

function classifyIPv6(value: bigint): AddressClass {
  if (value === 0n) return 'reserved';
  if (value === 1n) return 'loopback';
  const low32 = Number(value & 0xffffffffn);
  // IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96), NAT64 (64:ff9b::/96): judged by the IPv4 address inside.
  if (inPrefix(value, 0xffff00000000n, 96) || inPrefix(value, 0n, 96) || inPrefix(value, 0x64ff9bn << 96n, 96)) return classifyIPv4(low32);
  // 6to4 (2002::/16): the IPv4 address in bits 16-48.
  if (inPrefix(value, 0x2002n << 112n, 16)) return classifyIPv4(Number((value >> 80n) & 0xffffffffn));
  if (inPrefix(value, 0xfe80n << 112n, 10)) return 'linkLocal';
  if (inPrefix(value, 0xfc00n << 112n, 7)) return 'private';
  if (inPrefix(value, 0xff00n << 112n, 8)) return 'multicast';
  // Documentation (2001:db8::/32) and the IETF protocol assignments (2001::/23, Teredo included).
  if (inPrefix(value, 0x20010db8n << 96n, 32) || inPrefix(value, 0x2001n << 112n, 23)) return 'reserved';
  // Only global unicast (2000::/3) is public.
  return inPrefix(value, 0x2000n << 112n, 3) ? 'public' : 'reserved';
}
