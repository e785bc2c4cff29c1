/**
 * Customers API v2.3.0 beside v1 (issue 23, part 2 — the request rules so far):
 * the official YAML served at /open-banking/customers/v2/openapi.yaml, `x-v:
 * 2.3.0`, 2.3.0's required UUID interaction id, and error bodies that validate
 * against the 2.3.0 YAML. The six data paths are not served yet: until their v2
 * operations exist they answer the YAML's 404.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { OPEN_BANKING_V2_PREFIX, OPENAPI_V2_FILE } from '../src/rest/routes';
import { startTestGateway, TestGateway } from './support/gateway';
import { v2 } from './support/openapi';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway('rest-v2', { publicBaseUrl: 'https://api.banco-gateway.com.br', inProcessWorker: false });
}, 60_000);
afterAll(() => gw?.stop());

async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const response = await fetch(`${gw.url.replace(/\/graphql$/, '')}${OPEN_BANKING_V2_PREFIX}${path}`, { method, headers });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // the YAML
  }
  return { status: response.status, headers: response.headers, body };
}

function expectError(path: string, res: Awaited<ReturnType<typeof get>>, status: number, code: string): void {
  expect([path, res.status, res.body.errors?.[0]?.code]).toEqual([path, status, code]);
  const validate = v2.responseValidator(path, status);
  if (!validate(res.body)) throw new Error(`${path} ${status}: ${v2.ajv.errorsText(validate.errors)}`);
  expect(res.headers.get('x-v')).toBe('2.3.0');
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
}

it('serves the official 2.3.0 YAML beside v1\'s, with x-v 2.3.0 (no interaction id needed for the file)', async () => {
  const res = await get('/openapi.yaml');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/yaml/);
  expect(res.headers.get('x-v')).toBe('2.3.0');
  expect(res.body).toBe(readFileSync(OPENAPI_V2_FILE, 'utf8').replace(/^\uFEFF/, ''));
  expect(v2.spec.info.version).toBe('2.3.0');
});

describe.each(Object.keys(v2.spec.paths))('GET %s on v2', (path) => {
  it('requires a UUID x-fapi-interaction-id (400 with a generated one), and answers 2.3.0 error bodies', async () => {
    const missing = await get(path);
    expectError(path, missing, 400, 'INVALID_INTERACTION_ID');
    expect(missing.headers.get('x-fapi-interaction-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const notUuid = await get(path, { 'x-fapi-interaction-id': 'abc-123' }); // valid on v1, not on 2.x
    expectError(path, notUuid, 400, 'INVALID_INTERACTION_ID');
    expect(notUuid.headers.get('x-fapi-interaction-id')).not.toBe('abc-123');

    const interactionId = randomUUID();
    const notServed = await get(path, { 'x-fapi-interaction-id': interactionId });
    expectError(path, notServed, 404, 'NOT_FOUND');
    expect(notServed.headers.get('x-fapi-interaction-id')).toBe(interactionId);

    expectError(path, await get('/openapi.yaml', { 'x-fapi-interaction-id': interactionId }, 'POST'), 405, 'METHOD_NOT_ALLOWED');
  });
});
