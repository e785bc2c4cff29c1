#!/usr/bin/env node
/**
 * A partner's webhook receiver: verifies each delivery with the Standard
 * Webhooks library, answers 2xx only after verification, and de-duplicates
 * by `webhook-id` (the event's idempotency key: retries and redeliveries
 * carry the same one).
 *
 *   WEBHOOK_SECRET=whsec_... PORT=8080 node examples/webhook-receiver.js
 *
 * Register it (plain http is accepted only for hosts in the gateway's
 * WEBHOOK_ALLOWED_HOSTS, e.g. 127.0.0.1 in development):
 *   mutation { createWebhook(input: { url: "http://127.0.0.1:8080/webhooks", eventNames: ["CUSTOMER_WAS_APPROVED"] }) { id secret } }
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
    seen.add(id);
    console.log(`${event.timestamp} ${event.name} entity=${event.entityId} sequence=${event.metadata.sequence} id=${id}`);
    response.writeHead(204).end();
  });
}).listen(Number(process.env.PORT || 8080), '127.0.0.1', function () {
  console.log(`webhook receiver listening on http://127.0.0.1:${this.address().port}/`);
});
