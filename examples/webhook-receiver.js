#!/usr/bin/env node
/**
 * A partner's webhook receiver: verifies each delivery with the Standard
 * Webhooks library, answers 2xx only after verification, de-duplicates by
 * `webhook-id` (the event's idempotency key: retries and redeliveries carry
 * the same one) and handles the events of every context — Customer, Account,
 * Document, and the Webhook context of sendTestWebhookEvent — with one secret.
 *
 *   WEBHOOK_SECRET=whsec_... PORT=8080 node examples/webhook-receiver.js
 *
 * Register it (plain http is accepted only for hosts in the gateway's
 * WEBHOOK_ALLOWED_HOSTS, e.g. 127.0.0.1 in development), then send it a test event:
 *   mutation { createWebhook(input: { url: "http://127.0.0.1:8080/webhooks",
 *     eventNames: ["CUSTOMER_WAS_APPROVED", "CUSTOMER_WAS_REPROVED", "ACCOUNT_WAS_CREATED", "DOCUMENT_WAS_PROCESSED"] }) { id secret } }
 *   mutation { sendTestWebhookEvent(id: 1) { succeeded httpStatus } }
 * `webhookEventTypes` lists every event with its data fields and an example.
 */
const { createServer } = require('node:http');
const { Webhook } = require('standardwebhooks');

const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  console.error('set WEBHOOK_SECRET to the secret createWebhook (or rotateWebhookSecret) answered');
  process.exit(2);
}
const verifier = new Webhook(secret);
const seen = new Set(); // a real receiver keeps this in its database, next to the effect of the event

/** One handler per context; each looks at `name` and `data` (see webhookEventTypes). */
const handlers = {
  Customer(event) {
    // CUSTOMER_WAS_RECEIVED, _IN_ANALYSIS, _IN_MANUAL_REVIEW { dueAt }, _WAS_APPROVED, _WAS_REPROVED, _WAS_UPDATED { changedFields }, _WAS_CANCELED { reason }
    return `customer ${event.entityId} is ${event.metadata.status} (${event.name}${Object.keys(event.data).length ? ` ${JSON.stringify(event.data)}` : ''})`;
  },
  Account(event) {
    // ACCOUNT_WAS_CREATED { compeCode, branchCode, number, checkDigit, type }
    const { branchCode, number, checkDigit, type } = event.data;
    return `account ${branchCode}/${number}-${checkDigit} (${type}) opened for ${event.entityId}`;
  },
  Document(event) {
    // DOCUMENT_WAS_RECEIVED, DOCUMENT_WAS_PROCESSED { token, documentType, documentSide, status, reasons }
    const { token, documentType, documentSide, status, reasons } = event.data;
    return `document ${documentType}/${documentSide} ${token} of ${event.entityId}: ${status}${reasons ? ` ${reasons.join(',')}` : ''}`;
  },
  Webhook(event) {
    // WEBHOOK_TEST { webhookId, message }: sendTestWebhookEvent; no customer (entityId null).
    return `test event for webhook ${event.data.webhookId}: verified`;
  },
};

createServer((request, response) => {
  if (request.method !== 'POST') return response.writeHead(405).end();
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8'); // verify the raw body, before any JSON parsing
    let event;
    try {
      // Checks the HMAC (any of the space-separated v1 signatures) and that webhook-timestamp is within 5 minutes.
      event = verifier.verify(body, request.headers);
    } catch (error) {
      console.warn(`refused: ${error.message}`);
      return response.writeHead(401).end();
    }
    const id = request.headers['webhook-id'];
    if (seen.has(id)) {
      console.log(`duplicate ${id} (${event.name}): already handled`);
      return response.writeHead(204).end();
    }
    const handler = handlers[event.context];
    // An event this receiver does not know yet is acknowledged (2xx), or the gateway would retry it for nothing.
    console.log(`${event.timestamp} ${event.context} ${event.name} id=${id}: ${handler ? handler(event) : 'ignored (unknown context)'}`);
    seen.add(id);
    response.writeHead(204).end();
  });
}).listen(Number(process.env.PORT || 8080), '127.0.0.1', function () {
  console.log(`webhook receiver listening on http://127.0.0.1:${this.address().port}/`);
});
