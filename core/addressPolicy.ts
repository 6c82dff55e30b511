/**
 * Which IP addresses an outbound request may connect to. An allowlist, not a blocklist: only
 * addresses that ipaddr.js classifies as plain `unicast` pass, so loopback, RFC 1918, link-local
 * (including the 169.254.169.254 cloud metadata service), carrier-grade NAT, multicast, broadcast,
 * documentation, benchmarking and reserved ranges are all refused, as are IPv6 loopback,
 * link-local, unique-local, multicast and the transition ranges that embed an IPv4 address
 * (6to4, Teredo, NAT64), because the embedded address could be a private one.
 */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * IPv6 global unicast space. ipaddr.js labels everything it has no name for `unicast`, which
 * includes the deprecated IPv4-compatible form `::a.b.c.d` (so `::7f00:1` is loopback in disguise),
 * hence the extra check that the address lies in 2000::/3.
 */
const globalUnicastV6 = ipaddr.parseCIDR('2000::/3');

/**
 * True when `address` (an IP literal, as returned by DNS) is a public unicast address.
 * Anything unparseable counts as not public: the policy fails closed.
 */
export function isPublicAddress(address: string): boolean {
  // node:net accepts only canonical literals; ipaddr.js alone would also take forms like `127.1`.
  if (isIP(address) === 0) return false;
  // `process` turns IPv4-mapped IPv6 (`::ffff:127.0.0.1`) into the IPv4 address it carries.
  const parsed = ipaddr.process(address);
  if (parsed instanceof ipaddr.IPv4) return parsed.range() === 'unicast';
  return parsed.range() === 'unicast' && parsed.match(globalUnicastV6);
}

/** The addresses among `addresses` that the policy refuses. */
export function nonPublicAddresses(addresses: readonly string[]): string[] {
  return addresses.filter((address) => !isPublicAddress(address));
}
