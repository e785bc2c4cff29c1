import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { classifyAddress } from './address-rule';
import { WebhookError } from './webhooks.errors';

export { isForbiddenAddress } from './address-rule';

/**
 * The SSRF rules of webhook URLs, applied when a webhook is created or
 * changed and again, on the address actually connected to, at every delivery:
 * `https` only (plain `http` for WEBHOOK_ALLOWED_HOSTS only), no user info,
 * and no host resolving to an address the rule of ./address-rule.ts refuses
 * (IANA special-purpose blocks, IPv6 outside 2000::/3, embedded IPv4 checked
 * again), unless the host is allowed by name (development, tests: 127.0.0.1).
 */

export type UrlRefusal = { code: typeof WebhookError.INVALID_WEBHOOK_URL | typeof WebhookError.WEBHOOK_URL_NOT_ALLOWED; message: string };

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
    return { code: WebhookError.INVALID_WEBHOOK_URL, message: 'not an absolute URL' };
  }
  if (raw.length > 2000) return { code: WebhookError.INVALID_WEBHOOK_URL, message: 'at most 2000 characters' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { code: WebhookError.INVALID_WEBHOOK_URL, message: 'must be https' };
  if (url.username || url.password) return { code: WebhookError.INVALID_WEBHOOK_URL, message: 'must not carry user information' };
  if (url.hash) return { code: WebhookError.INVALID_WEBHOOK_URL, message: 'must not carry a fragment' };
  const allowed = allowedHosts.includes(hostOf(url));
  if (url.protocol === 'http:' && !allowed)
    return { code: WebhookError.WEBHOOK_URL_NOT_ALLOWED, message: 'must be https (plain http only for hosts in WEBHOOK_ALLOWED_HOSTS)' };
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
    return { code: WebhookError.INVALID_WEBHOOK_URL, message: 'the host does not resolve' };
  }
  if (addresses.length === 0) return { code: WebhookError.INVALID_WEBHOOK_URL, message: 'the host does not resolve' };
  const refused = addresses.map(classifyAddress).find((verdict) => !verdict.allowed);
  if (refused) {
    return { code: WebhookError.WEBHOOK_URL_NOT_ALLOWED, message: `the host resolves to an address webhooks may not reach (${refused.reason})` };
  }
  return null;
}
