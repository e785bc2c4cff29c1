import { codesOf } from '../../platform/error-codes';

/** Every `extensions.code` the webhook operations produce, with when a partner gets it (README › Webhooks, `npm run docs:errors`). */
export const WEBHOOK_ERRORS = {
  INVALID_WEBHOOK_URL: 'not an absolute URL, scheme other than https/http, user info, fragment, host that does not resolve',
  WEBHOOK_URL_NOT_ALLOWED: 'plain http to a host not allowed; a host resolving to an address the rule above refuses',
  UNKNOWN_EVENT_NAME: 'an event name that is not a `CustomerEventName` (`WEBHOOK_TEST` is sent on request only, not subscribable)',
  UNKNOWN_CONTEXT: 'a `context` other than `Customer`, `Account`, `Document`',
  EVENT_NOT_IN_CONTEXT: '`context` was given and an event name is of another context (omit `context` to subscribe across contexts)',
  REQUIRED: 'an empty `eventNames`',
  WEBHOOK_NOT_FOUND: "no such webhook among the caller's",
  EVENT_NOT_FOUND: '`redeliverWebhookEvent` of an unknown event',
  EVENT_NOT_SUBSCRIBED: '`redeliverWebhookEvent` of an event the webhook is not subscribed to',
  SECRET_UNAVAILABLE:
    "not an error but an attempt's `errorClass` (e.g. of `sendTestWebhookEvent`): the webhook's signing secret cannot be decrypted with the configured keys",
} as const;

export const WEBHOOKS_ERRORS = { webhooks: WEBHOOK_ERRORS };

/** The typed codes: `WebhookError.WEBHOOK_NOT_FOUND`. */
export const WebhookError = codesOf(WEBHOOK_ERRORS);
