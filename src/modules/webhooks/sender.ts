import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { LookupFunction } from 'node:net';
import { Webhook as Signer } from 'standardwebhooks';
import { checkUrl, hostOf, isForbiddenAddress } from './webhook-url';
import { codesOf } from '../../platform/error-codes';
import { WEBHOOK_ERRORS, WebhookError } from './webhooks.errors';

/** Why an attempt got no HTTP answer: its `errorClass` (docs/partners.md › Webhooks). */
const ATTEMPT_ERROR_CLASSES = {
  TIMEOUT: 'no answer within `WEBHOOK_TIMEOUT_MS`',
  CONNECTION_ERROR: 'the connection failed or broke before an answer',
  DNS_ERROR: 'the host does not resolve',
  URL_NOT_ALLOWED: 'the host resolves to an address the URL rule refuses (checked again at every attempt)',
  SECRET_UNAVAILABLE: WEBHOOK_ERRORS.SECRET_UNAVAILABLE,
} as const;

/** The typed error classes: `AttemptErrorClass.TIMEOUT`. */
export const AttemptErrorClass = codesOf(ATTEMPT_ERROR_CLASSES);
export type AttemptErrorClassName = keyof typeof AttemptErrorClass;

/** What one attempt came to: an HTTP status, or the class of error that prevented one. The body is never read. */
export interface AttemptResult {
  httpStatus: number | null;
  errorClass: AttemptErrorClassName | null;
  durationMs: number;
  succeeded: boolean;
}

/** The attempt when the webhook's signing secret cannot be opened with the configured keys: nothing is sent. */
export const SECRET_UNAVAILABLE_ATTEMPT: Readonly<AttemptResult> = {
  httpStatus: null,
  errorClass: AttemptErrorClass.SECRET_UNAVAILABLE,
  durationMs: 0,
  succeeded: false,
};

/** A failure this module raises itself inside the HTTP client (a refused address, the timeout), carrying its class. */
function attemptFailure(message: string, errorClass: AttemptErrorClassName): Error {
  return Object.assign(new Error(message), { errorClass });
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
        const refusal = attemptFailure(`${hostname} resolves to a forbidden address`, AttemptErrorClass.URL_NOT_ALLOWED);
        return (callback as (...args: unknown[]) => void)(refusal);
      }
      (callback as (...args: unknown[]) => void)(null, address, family);
    }) as never);
  };
}

function errorClassOf(error: unknown): AttemptErrorClassName {
  const { errorClass, code } = error as { errorClass?: AttemptErrorClassName; code?: string };
  if (errorClass) return errorClass;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return AttemptErrorClass.DNS_ERROR;
  return AttemptErrorClass.CONNECTION_ERROR;
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
      errorClass: refusal.code === WebhookError.WEBHOOK_URL_NOT_ALLOWED ? AttemptErrorClass.URL_NOT_ALLOWED : AttemptErrorClass.DNS_ERROR,
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
      request.destroy(attemptFailure('webhook timeout', AttemptErrorClass.TIMEOUT));
    }, options.timeoutMs);
    request.on('error', (error) => finish({ httpStatus: null, errorClass: errorClassOf(error), succeeded: false }));
    request.end(body);
  });
}
