import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which addresses a webhook may reach: our own rule, written out as tables.
 * ipaddr.js only parses and matches here; its `range()` names are not used
 * (it calls the IPv4-compatible `::7f00:1` "unicast", and parses `::127.0.0.1`
 * as `::ffff:7f00:1`).
 *
 * - IPv4 passes only outside every block of the IANA IPv4 Special-Purpose
 *   Address Registry (and outside multicast), whether the registry marks the
 *   block globally reachable or not.
 * - IPv6 passes only inside 2000::/3 (global unicast) and outside every block
 *   of the IANA IPv6 Special-Purpose Address Registry.
 * - An IPv4 address embedded in an IPv6 one (IPv4-compatible, IPv4-mapped,
 *   SIIT, NAT64, 6to4, Teredo) is extracted and checked by the IPv4 rule too.
 *   Every such prefix is refused by the IPv6 rule already; the second check
 *   keeps the refusal if a block is ever taken out of the table, and names
 *   the address reached in the reason.
 *
 * Registries as of 2026-12: https://www.iana.org/assignments/iana-ipv4-special-registry
 * and https://www.iana.org/assignments/iana-ipv6-special-registry.
 */

interface Block {
  cidr: string;
  name: string;
}

/** IANA IPv4 Special-Purpose Address Registry, every entry, plus multicast (IPv4 Address Space registry). */
export const IPV4_SPECIAL_PURPOSE: readonly Block[] = [
  { cidr: '0.0.0.0/8', name: '"this network" (RFC 791)' },
  { cidr: '10.0.0.0/8', name: 'private use (RFC 1918)' },
  { cidr: '100.64.0.0/10', name: 'shared address space, carrier-grade NAT (RFC 6598)' },
  { cidr: '127.0.0.0/8', name: 'loopback (RFC 1122)' },
  { cidr: '169.254.0.0/16', name: 'link local, cloud metadata (RFC 3927)' },
  { cidr: '172.16.0.0/12', name: 'private use (RFC 1918)' },
  // Covers 192.0.0.0/29 (DS-Lite), .8 (dummy), .9 (PCP anycast), .10 (TURN anycast), .170/.171 (NAT64 discovery).
  { cidr: '192.0.0.0/24', name: 'IETF protocol assignments (RFC 6890)' },
  { cidr: '192.0.2.0/24', name: 'documentation TEST-NET-1 (RFC 5737)' },
  { cidr: '192.31.196.0/24', name: 'AS112-v4 (RFC 7535)' },
  { cidr: '192.52.193.0/24', name: 'AMT (RFC 7450)' },
  { cidr: '192.88.99.0/24', name: 'deprecated 6to4 relay anycast (RFC 7526)' },
  { cidr: '192.168.0.0/16', name: 'private use (RFC 1918)' },
  { cidr: '192.175.48.0/24', name: 'direct delegation AS112 service (RFC 7534)' },
  { cidr: '198.18.0.0/15', name: 'benchmarking (RFC 2544)' },
  { cidr: '198.51.100.0/24', name: 'documentation TEST-NET-2 (RFC 5737)' },
  { cidr: '203.0.113.0/24', name: 'documentation TEST-NET-3 (RFC 5737)' },
  { cidr: '240.0.0.0/4', name: 'reserved (RFC 1112)' },
  { cidr: '255.255.255.255/32', name: 'limited broadcast (RFC 919)' },
  { cidr: '224.0.0.0/4', name: 'multicast (RFC 5771; IPv4 Address Space registry)' },
];

/**
 * IANA IPv6 Special-Purpose Address Registry, every entry. Most lie outside
 * 2000::/3 and are refused by that rule already; they are listed so that the
 * reason names the block.
 */
export const IPV6_SPECIAL_PURPOSE: readonly Block[] = [
  { cidr: '::1/128', name: 'loopback (RFC 4291)' },
  { cidr: '::/128', name: 'unspecified (RFC 4291)' },
  { cidr: '::ffff:0:0/96', name: 'IPv4-mapped (RFC 4291)' },
  { cidr: '64:ff9b::/96', name: 'IPv4/IPv6 translation, NAT64 (RFC 6052)' },
  { cidr: '64:ff9b:1::/48', name: 'local-use IPv4/IPv6 translation (RFC 8215)' },
  { cidr: '100::/64', name: 'discard-only (RFC 6666)' },
  { cidr: '100:0:0:1::/64', name: 'dummy IPv6 prefix (RFC 9780)' },
  { cidr: '2001::/23', name: 'IETF protocol assignments (RFC 2928)' },
  { cidr: '2001::/32', name: 'Teredo (RFC 4380)' },
  { cidr: '2001:1::1/128', name: 'PCP anycast (RFC 7723)' },
  { cidr: '2001:1::2/128', name: 'TURN anycast (RFC 8155)' },
  { cidr: '2001:1::3/128', name: 'DNS-SD service registration protocol anycast (RFC 9665)' },
  { cidr: '2001:2::/48', name: 'benchmarking (RFC 5180)' },
  { cidr: '2001:3::/32', name: 'AMT (RFC 7450)' },
  { cidr: '2001:4:112::/48', name: 'AS112-v6 (RFC 7535)' },
  { cidr: '2001:10::/28', name: 'deprecated ORCHID (RFC 4843)' },
  { cidr: '2001:20::/28', name: 'ORCHIDv2 (RFC 7343)' },
  { cidr: '2001:30::/28', name: 'drone remote ID protocol entity tags (RFC 9374)' },
  { cidr: '2001:db8::/32', name: 'documentation (RFC 3849)' },
  { cidr: '2002::/16', name: '6to4 (RFC 3056)' },
  { cidr: '2620:4f:8000::/48', name: 'direct delegation AS112 service (RFC 7534)' },
  { cidr: '3fff::/20', name: 'documentation (RFC 9637)' },
  { cidr: '5f00::/16', name: 'segment routing SRv6 SIDs (RFC 9602)' },
  { cidr: 'fc00::/7', name: 'unique local (RFC 4193)' },
  { cidr: 'fe80::/10', name: 'link-local unicast (RFC 4291)' },
];

const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');
// The narrowest match names the reason (Teredo rather than "IETF protocol assignments").
const v4Blocks = IPV4_SPECIAL_PURPOSE.map((block) => ({ ...block, range: ipaddr.IPv4.parseCIDR(block.cidr) })).sort((a, b) => b.range[1] - a.range[1]);
const v6Blocks = IPV6_SPECIAL_PURPOSE.map((block) => ({ ...block, range: ipaddr.IPv6.parseCIDR(block.cidr) })).sort((a, b) => b.range[1] - a.range[1]);

/** Prefixes whose addresses carry an IPv4 address, and where it sits. */
interface Embedding {
  cidr: string;
  name: string;
  extract: (bytes: number[]) => number[];
}
const EMBEDDING = (
  [
    { cidr: '::/96', name: 'IPv4-compatible', extract: (b) => b.slice(12, 16) },
    { cidr: '::ffff:0:0/96', name: 'IPv4-mapped', extract: (b) => b.slice(12, 16) },
    { cidr: '::ffff:0:0:0/96', name: 'SIIT IPv4-translated', extract: (b) => b.slice(12, 16) },
    { cidr: '64:ff9b::/96', name: 'NAT64', extract: (b) => b.slice(12, 16) },
    // RFC 8215 lets a network pick any RFC 6052 length inside the /48; the /96 form (the last 32 bits) is the common one.
    { cidr: '64:ff9b:1::/48', name: 'local-use NAT64', extract: (b) => b.slice(12, 16) },
    { cidr: '2002::/16', name: '6to4', extract: (b) => b.slice(2, 6) },
    // Teredo: the client's IPv4 address is the bitwise NOT of the last 32 bits (the server's sits in bits 32–63).
    { cidr: '2001::/32', name: 'Teredo', extract: (b) => b.slice(12, 16).map((x) => ~x & 0xff) },
  ] as Embedding[]
).map((entry) => ({ ...entry, range: ipaddr.IPv6.parseCIDR(entry.cidr) }));

export interface AddressVerdict {
  allowed: boolean;
  /** Why it is refused (the block's name), or 'public'. */
  reason: string;
}

const refuse = (reason: string): AddressVerdict => ({ allowed: false, reason });

function checkIPv4(address: ipaddr.IPv4): AddressVerdict {
  const block = v4Blocks.find(({ range }) => address.match(range));
  return block ? refuse(`${block.cidr}: ${block.name}`) : { allowed: true, reason: 'public' };
}

/**
 * Parses what a host or a resolver gives (IPv4 dotted quad, IPv6 in any
 * spelling, a zone id); null when it is not an IP address. IPv6 goes through
 * the WHATWG URL parser first, which writes `::127.0.0.1` as `::7f00:1`.
 */
function parse(raw: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const address = raw.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const family = isIP(address);
  try {
    if (family === 4) return ipaddr.IPv4.parse(address);
    if (family === 6) return ipaddr.IPv6.parse(new URL(`http://[${address}]/`).hostname.slice(1, -1));
  } catch {
    return null;
  }
  return null;
}

/** The rule above for one address (an IP literal; anything else is refused). */
export function classifyAddress(raw: string): AddressVerdict {
  const address = parse(raw);
  if (!address) return refuse('not an IP address');
  if (address.kind() === 'ipv4') return checkIPv4(address as ipaddr.IPv4);
  const v6 = address as ipaddr.IPv6;
  const bytes = v6.toByteArray();
  // ::1 and :: are named as such, not as IPv4-compatible forms of 0.0.0.1 and 0.0.0.0.
  const single = v6Blocks.find(({ range }) => range[1] === 128 && v6.match(range));
  if (single) return refuse(`${single.cidr}: ${single.name}`);
  for (const embedding of EMBEDDING) {
    if (!v6.match(embedding.range)) continue;
    const embedded = new ipaddr.IPv4(embedding.extract(bytes));
    const verdict = checkIPv4(embedded);
    if (!verdict.allowed) return refuse(`${embedding.name} ${embedding.cidr} embeds ${embedded.toString()}, in ${verdict.reason}`);
  }
  const block = v6Blocks.find(({ range }) => v6.match(range));
  if (block) return refuse(`${block.cidr}: ${block.name}`);
  if (!v6.match(GLOBAL_UNICAST)) return refuse('outside 2000::/3 (global unicast)');
  return { allowed: true, reason: 'public' };
}

/** Whether `address` is one webhooks may not reach. */
export function isForbiddenAddress(address: string): boolean {
  return !classifyAddress(address).allowed;
}
