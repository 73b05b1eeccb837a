/**
 * A caller's source address as the authorizer keeps it: never the address itself (an address can
 * point at a person), but a hash that keys the failure counters and names the address in security
 * events and audit entries, and the network it belongs to (an IPv4 /24, an IPv6 /48), which names
 * no one and is what a WAF block rule would take.
 */
import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/** The hash an address is known by: 32 hex characters of its SHA-256. */
export const sourceAddressKey = (address: string): string => createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 32);

/** `203.0.113.0/24` for an IPv4 address, `2001:db8:1::/48` for an IPv6 one, `unknown` for anything else. */
export function sourceNetwork(address: string): string {
  const trimmed = address.trim();
  if (isIPv4(trimmed)) return `${trimmed.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(trimmed)) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed)?.[1];
    if (mapped !== undefined) return sourceNetwork(mapped);
    return `${expandIPv6(trimmed).slice(0, 3).join(':')}::/48`;
  }
  return 'unknown';
}

/** The eight groups of an IPv6 address, without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const middle = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...middle, ...right].map((group) => (group.replace(/^0+(?=.)/, '') || '0').toLowerCase());
}
