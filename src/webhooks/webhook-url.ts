import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * The SSRF rules of webhook URLs, applied when a webhook is created or
 * changed and again, on the address actually connected to, at every delivery:
 * `https` only (plain `http` for WEBHOOK_ALLOWED_HOSTS only), no user info,
 * and no host resolving to a loopback, private, link-local (cloud metadata),
 * shared, multicast or unspecified address, unless the host is allowed.
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['fd00:ec2::254', 128],
] as const) blocked.addSubnet(network, prefix, 'ipv6');

/** Whether `address` (IPv4 or IPv6, IPv4-mapped included) is one webhooks may not reach. */
export function isForbiddenAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isForbiddenAddress(mapped[1]);
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type UrlRefusal = { code: 'INVALID_WEBHOOK_URL' | 'WEBHOOK_URL_NOT_ALLOWED'; message: string };

/** Host name as written in the URL, lower case, without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** The syntactic rules; null when the URL passes them. */
export function checkUrlSyntax(raw: string, allowedHosts: readonly string[]): UrlRefusal | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { code: 'INVALID_WEBHOOK_URL', message: 'not an absolute URL' };
  }
  if (raw.length > 2000) return { code: 'INVALID_WEBHOOK_URL', message: 'at most 2000 characters' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { code: 'INVALID_WEBHOOK_URL', message: 'must be https' };
  if (url.username || url.password) return { code: 'INVALID_WEBHOOK_URL', message: 'must not carry user information' };
  if (url.hash) return { code: 'INVALID_WEBHOOK_URL', message: 'must not carry a fragment' };
  const allowed = allowedHosts.includes(hostOf(url));
  if (url.protocol === 'http:' && !allowed) return { code: 'WEBHOOK_URL_NOT_ALLOWED', message: 'must be https (plain http only for hosts in WEBHOOK_ALLOWED_HOSTS)' };
  return null;
}

/** Resolves the host (dns.lookup, every address) and refuses forbidden addresses unless the host is allowed. */
export async function checkUrl(raw: string, allowedHosts: readonly string[]): Promise<UrlRefusal | null> {
  const syntax = checkUrlSyntax(raw, allowedHosts);
  if (syntax) return syntax;
  const host = hostOf(new URL(raw));
  if (allowedHosts.includes(host)) return null;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return { code: 'INVALID_WEBHOOK_URL', message: 'the host does not resolve' };
  }
  if (addresses.length === 0 || addresses.some(isForbiddenAddress)) {
    return { code: 'WEBHOOK_URL_NOT_ALLOWED', message: 'the host resolves to a loopback, private, link-local or otherwise reserved address' };
  }
  return null;
}
