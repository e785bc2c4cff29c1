import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { LookupFunction } from 'node:net';
import { Webhook as Signer } from 'standardwebhooks';
import { checkUrl, hostOf, isForbiddenAddress } from './webhook-url';
import { WebhookError } from './webhooks.errors';

/** What one attempt came to: an HTTP status, or the class of error that prevented one. The body is never read. */
export interface AttemptResult {
  httpStatus: number | null;
  errorClass: string | null;
  durationMs: number;
  succeeded: boolean;
}

/**
 * Standard Webhooks headers for one attempt: `webhook-id` (the event's
 * idempotency key), `webhook-timestamp` (seconds) and `webhook-signature`,
 * one `v1,<base64 HMAC-SHA256>` per secret (the current one, plus the
 * previous one during a rotation's grace period), space-separated.
 */
export function signatureHeaders(secrets: string[], messageId: string, body: string, at = new Date()): Record<string, string> {
  const signature = secrets.map((secret) => new Signer(secret).sign(messageId, at, body)).join(' ');
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
  };
}

/** dns.lookup that refuses forbidden addresses: the address connected to is the address checked (no DNS rebinding). */
function guardedLookup(allowed: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, verbatim: true }, ((error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => {
      if (error) return (callback as (...args: unknown[]) => void)(error);
      const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
      if (!allowed && addresses.some(isForbiddenAddress)) {
        const refusal = Object.assign(new Error(`${hostname} resolves to a forbidden address`), { code: 'URL_NOT_ALLOWED' });
        return (callback as (...args: unknown[]) => void)(refusal);
      }
      (callback as (...args: unknown[]) => void)(null, address, family);
    }) as never);
  };
}

function errorClassOf(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'URL_NOT_ALLOWED') return 'URL_NOT_ALLOWED';
  if (code === 'WEBHOOK_TIMEOUT') return 'TIMEOUT';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'DNS_ERROR';
  if (code && /^E[A-Z]+$/.test(code)) return `CONNECTION_ERROR`;
  return 'CONNECTION_ERROR';
}

/**
 * POSTs `body` to `url` once: no redirect followed (3xx is a failure), the
 * answer's body discarded unread, `timeoutMs` for the whole exchange. The URL
 * rules are checked again first (dns.lookup now, not only at creation).
 */
export async function postOnce(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowedHosts: readonly string[] },
): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const refusal = await checkUrl(url, options.allowedHosts);
  if (refusal) {
    return {
      httpStatus: null,
      errorClass: refusal.code === WebhookError.WEBHOOK_URL_NOT_ALLOWED ? 'URL_NOT_ALLOWED' : 'DNS_ERROR',
      durationMs: elapsed(),
      succeeded: false,
    };
  }
  const target = new URL(url);
  const allowed = options.allowedHosts.includes(hostOf(target));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<AttemptResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    const request = send(
      target,
      {
        method: 'POST',
        lookup: guardedLookup(allowed),
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'customers-gateway-webhooks/1',
          ...headers,
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        response.resume(); // never read, never kept
        response.on('error', () => undefined);
        request.destroy();
        finish({ httpStatus: status, errorClass: null, succeeded: status >= 200 && status < 300 });
      },
    );
    const timer = setTimeout(() => {
      request.destroy(Object.assign(new Error('webhook timeout'), { code: 'WEBHOOK_TIMEOUT' }));
    }, options.timeoutMs);
    request.on('error', (error) => finish({ httpStatus: null, errorClass: errorClassOf(error), succeeded: false }));
    request.end(body);
  });
}
