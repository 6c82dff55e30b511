import { describe, expect, it } from 'vitest';
import { isPublicAddress, nonPublicAddresses } from './addressPolicy.ts';

describe('isPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'IPv4 loopback'],
    ['10.0.0.8', 'RFC 1918'],
    ['172.16.5.4', 'RFC 1918'],
    ['192.168.1.1', 'RFC 1918'],
    ['169.254.169.254', 'link-local / cloud metadata'],
    ['100.100.100.200', 'carrier-grade NAT (some clouds put metadata here)'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.251', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with zone'],
    ['fd00:ec2::254', 'IPv6 unique-local (AWS metadata over IPv6)'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
    ['::7f00:1', 'IPv4-compatible loopback'],
    ['64:ff9b::a00:1', 'NAT64 embedding 10.0.0.1'],
    ['2002:7f00:1::1', '6to4 embedding 127.0.0.1'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['127.1', 'non-canonical IPv4 shorthand'],
    ['not-an-ip', 'garbage'],
  ])('refuses %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '93.184.215.14', '2606:4700:4700::1111', '::ffff:8.8.4.4'])('allows public %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('lists only the refused addresses', () => {
    expect(nonPublicAddresses(['8.8.8.8', '10.0.0.1', '::1'])).toEqual(['10.0.0.1', '::1']);
  });
});
