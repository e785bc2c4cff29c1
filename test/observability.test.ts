import { Writable } from 'node:stream';
import { loadConfig } from '../src/platform/config';
import { createLogger } from '../src/platform/observability/logger';
import { errorCodeLabel, operationLabel } from '../src/platform/observability/metrics';
import { startTestGateway, TestGateway } from './support/gateway';

/** Log lines written by the gateway's logger configuration (the same options as the process logger, another stream). */
function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = createLogger(stream, { level: 'info' });
  return { log, records: () => lines.map((line) => JSON.parse(line) as Record<string, any>) };
}

describe('log masking of CPFs and CNPJs (finding 14)', () => {
  // [text logged, text in the log line]
  const masked: [string, string][] = [
    ['cpf 52998224725', 'cpf 529*****725'],
    ['cpf 529.982.247-25', 'cpf 529*****725'],
    ['cpf 529982247-25', 'cpf 529*****725'],
    ['cnpj 11222333000181', 'cnpj 112*****181'],
    ['cnpj 11.222.333/0001-81', 'cnpj 112*****181'],
    ['cnpj 11222333/0001-81', 'cnpj 112*****181'],
    // Check digits are not required: a mistyped CPF is still (almost all of) someone's CPF.
    ['typo 52998224724', 'typo 529*****724'],
    ['typo 111.444.777-00', 'typo 111*****700'],
    ['(529.982.247-25)', '(529*****725)'],
    ["duplicate entry '52998224725' for key", "duplicate entry '529*****725' for key"],
    ['end of sentence 52998224725.', 'end of sentence 529*****725.'],
    ['a@b.com and 11.222.333/0001-81, 529.982.247-25', 'a***@b.com and 112*****181, 529*****725'],
  ];
  const untouched = [
    'at 1717171717171 ms', // epoch milliseconds (13 digits)
    'at 1717171717 s', // epoch seconds (10 digits)
    'id 123456789012', // 12 digits
    'id 123456789012345', // 15 digits
    'id 12345678901234567890', // 20 digits
    'request 0b8f1a2c-1234-4abc-8def-529982247250', // UUID pieces
    'request 52998224-7251-4abc-8def-112223330001', // UUID pieces
    'hash a52998224725f', // inside a hex token
    'ratio 0.52998224725', // decimals
    'amount 52998224725.50',
    'version 1.2.3',
    'cep 68060-100',
    'phone +55 93 99123-4567',
  ];

  it.each(masked)('masks %j as %j in the message and in fields', (input, expected) => {
    const { log, records } = capturedLogger();
    log.info({ detail: input, nested: { list: [input] } }, input);
    const [line] = records();
    expect(line.msg).toBe(expected);
    expect(line.detail).toBe(expected);
    expect(line.nested).toEqual({ list: [expected] });
  });

  it.each(untouched)('leaves %j as it is', (input) => {
    const { log, records } = capturedLogger();
    log.info({ detail: input }, input);
    const [line] = records();
    expect(line.msg).toBe(input);
    expect(line.detail).toBe(input);
  });

  it('masks errors (message and stack) and documents that arrived as JSON numbers, not other numbers', () => {
    const { log, records } = capturedLogger();
    log.error(
      { err: new Error('Duplicate entry 529.982.247-25'), cpf: 52998224725, cnpj: 11222333000181, at: 1717171717171, count: 12345678901234567 },
      'insert failed',
    );
    log.error(new Error('lookup of 11.222.333/0001-81 failed'));
    const [first, second] = records();
    expect(first.err.message).toBe('Duplicate entry 529*****725');
    expect(first.err.type).toBe('Error');
    expect(first.err.stack.split('\n')[0]).toBe('Error: Duplicate entry 529*****725');
    expect(first.cpf).toBe('529*****725');
    expect(first.cnpj).toBe('112*****181');
    expect(first.at).toBe(1717171717171);
    expect(second.msg).toBe('lookup of 112*****181 failed');
    expect(second.err.message).toBe('lookup of 112*****181 failed');
    expect(JSON.stringify([first, second])).not.toMatch(/52998224725|982\.247|11222333000181|333\/0001/);
  });
});

/** Series of one metric family in a Prometheus text exposition. */
function seriesOf(text: string, prefix: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(prefix) && !line.startsWith('#'));
}

describe('metric labels stay bounded (finding 18)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('metric-labels');
  });
  afterAll(() => gw.stop());

  it('operationLabel: registered names as they are, anonymous when unnamed, other for anything else', () => {
    expect(operationLabel('PersonalCustomer')).toBe('PersonalCustomer');
    expect(operationLabel('RegisterCustomer')).toBe('RegisterCustomer');
    expect(operationLabel(null)).toBe('anonymous');
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel('')).toBe('anonymous');
    expect(operationLabel('Attack0001')).toBe('other');
    expect(operationLabel('personalcustomer')).toBe('other');
    expect(errorCodeLabel('INVALID_CPF')).toBe('INVALID_CPF');
    expect(errorCodeLabel('UNAUTHENTICATED')).toBe('UNAUTHENTICATED');
    expect(errorCodeLabel('MADE_UP_CODE')).toBe('other');
    expect(errorCodeLabel(undefined)).toBe('other');
  });

  it('300 requests with distinct operation names add only the `other` series', async () => {
    const metricsText = async () => (await fetch(gw.gateway.metricsUrl)).text();
    const before = await metricsText();
    const names = Array.from({ length: 300 }, (_, i) => `Attack${String(i).padStart(4, '0')}`);
    for (let i = 0; i < names.length; i += 10) {
      const batch = names.slice(i, i + 10);
      const answers = await Promise.all(
        batch.map((name, j) =>
          // Half succeed, half fail with a field error, so both outcomes are covered.
          gw.query((i + j) % 2 ? `query ${name} { __typename }` : `query ${name} { personalCustomer(cpfNumber: "1") { cpfNumber } }`),
        ),
      );
      for (const answer of answers) expect(answer.status).toBe(200);
    }
    await gw.query('query PersonalCustomer($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber } }', { c: '52998224725' });
    await gw.query('{ __typename }');
    const after = await metricsText();

    expect(after).not.toMatch(/Attack\d{4}/);
    expect(seriesOf(after, 'graphql_requests_total{').sort()).toEqual([
      'graphql_requests_total{operation="PersonalCustomer",outcome="ok"} 1',
      'graphql_requests_total{operation="anonymous",outcome="ok"} 1',
      'graphql_requests_total{operation="other",outcome="error"} 150',
      'graphql_requests_total{operation="other",outcome="ok"} 150',
    ]);
    expect(seriesOf(after, 'graphql_errors_total{')).toEqual(['graphql_errors_total{code="INVALID_CPF"} 150']);
    // 3 operation labels × (10 buckets + +Inf + sum + count).
    expect(seriesOf(after, 'graphql_request_duration_seconds')).toHaveLength(3 * 13);
    const graphqlSeries = (text: string) => seriesOf(text, 'graphql_').length;
    expect(graphqlSeries(before)).toBe(1); // graphql_active_subscriptions
    expect(graphqlSeries(after)).toBe(1 + 4 + 1 + 3 * 13);
  });
});

describe('x-fapi-interaction-id in the body of every HTTP error (finding 15, Express level)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('envelope-errors', { limits: { ...loadConfig().limits, maxRequestBytes: 2_000, maxDocumentBytes: 1_000 } });
  });
  afterAll(() => gw.stop());
  const base = () => gw.url.replace(/\/graphql$/, '');

  interface BadRequest {
    title: string;
    path?: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    status: number;
    code: string;
  }
  const json = { 'content-type': 'application/json' };
  const cases: BadRequest[] = [
    {
      title: 'no token on a protected field (401)',
      headers: json,
      body: '{"query":"{ personalCustomers(first: 1) { totalCount } }"}',
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      title: 'a malformed token (401, refused while building the context)',
      headers: { ...json, authorization: 'Bearer not-a-jwt' },
      body: '{"query":"{ __typename }"}',
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      title: 'not a bearer token (401)',
      headers: { ...json, authorization: 'Basic YTpi' },
      body: '{"query":"{ __typename }"}',
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    { title: 'invalid JSON (400)', headers: json, body: '{"query": ', status: 400, code: 'INVALID_JSON' },
    {
      title: 'an unsupported charset (415)',
      headers: { 'content-type': 'application/json; charset=latin1' },
      body: '{"query":"{ __typename }"}',
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      title: 'a body over MAX_REQUEST_BYTES (413)',
      headers: json,
      body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(3_000) } }),
      status: 413,
      code: 'REQUEST_TOO_LARGE',
    },
    {
      title: 'a document over MAX_DOCUMENT_BYTES (413)',
      headers: json,
      body: JSON.stringify({ query: `{ __typename ${' '.repeat(1_200)} }` }),
      status: 413,
      code: 'DOCUMENT_TOO_LARGE',
    },
    { title: 'an unknown path (404)', path: '/nowhere', method: 'GET', status: 404, code: 'NOT_FOUND' },
    { title: 'POST to an unknown path (404)', path: '/api/customers', headers: json, body: '{}', status: 404, code: 'NOT_FOUND' },
    { title: 'PUT /graphql (405)', method: 'PUT', headers: json, body: '{"query":"{ __typename }"}', status: 405, code: 'BAD_REQUEST' },
    { title: 'DELETE /graphql (405)', method: 'DELETE', headers: { ...json, 'apollo-require-preflight': 'true' }, status: 405, code: 'BAD_REQUEST' },
    {
      title: 'text/plain without a preflight header (400, CSRF)',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"{ __typename }"}',
      status: 400,
      code: 'BAD_REQUEST',
    },
    {
      title: 'GET without a preflight header (400, CSRF)',
      path: '/graphql?query=%7B__typename%7D',
      method: 'GET',
      headers: { accept: 'application/json' },
      status: 400,
      code: 'BAD_REQUEST',
    },
    { title: 'an XML body (400)', headers: { 'content-type': 'application/xml' }, body: '<query/>', status: 400, code: 'BAD_REQUEST' },
    { title: 'an empty JSON object (400)', headers: json, body: '{}', status: 400, code: 'BAD_REQUEST' },
    { title: 'a batch (400, batching is off)', headers: json, body: '[{"query":"{ __typename }"}]', status: 400, code: 'BAD_REQUEST' },
    {
      title: 'a compressed body that does not decompress (400)',
      headers: { ...json, 'content-encoding': 'gzip' },
      body: '{"query":"{ __typename }"}',
      status: 400,
      code: 'BAD_REQUEST',
    },
  ];

  async function send(c: BadRequest, interactionId?: string) {
    const response = await fetch(`${base()}${c.path ?? '/graphql'}`, {
      method: c.method ?? 'POST',
      headers: { ...(c.headers ?? {}), ...(interactionId ? { 'x-fapi-interaction-id': interactionId } : {}) },
      body: c.body,
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as { errors: { extensions: Record<string, unknown> }[] } };
  }

  it.each(cases)('$title: generated id in the header and in errors[0].extensions', async (c) => {
    const res = await send(c);
    expect(res.status).toBe(c.status);
    expect(res.headers.get('x-powered-by')).toBeNull();
    const header = res.headers.get('x-fapi-interaction-id');
    expect(header).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(res.body.errors[0].extensions.code).toBe(c.code);
    expect(res.body.errors[0].extensions.interactionId).toBe(header);
  });

  it.each(cases)("$title: the client's id echoed in the header and in errors[0].extensions", async (c) => {
    const res = await send(c, 'client-chosen-0042');
    expect(res.status).toBe(c.status);
    expect(res.headers.get('x-fapi-interaction-id')).toBe('client-chosen-0042');
    expect(res.body.errors[0].extensions).toMatchObject({ code: c.code, interactionId: 'client-chosen-0042' });
  });

  it('an invalid x-fapi-interaction-id (400): the generated id in both places', async () => {
    const res = await send({ title: '', headers: json, body: '{"query":"{ __typename }"}', status: 400, code: '' }, 'not valid!');
    expect(res.status).toBe(400);
    const header = res.headers.get('x-fapi-interaction-id');
    expect(header).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.errors[0].extensions).toEqual({ code: 'INVALID_INTERACTION_ID', interactionId: header });
  });

  it('no X-Powered-By header on any response', async () => {
    const responses = await Promise.all([
      fetch(`${base()}/healthz`),
      fetch(`${base()}/readyz`),
      fetch(`${base()}/metrics`),
      fetch(`${base()}/ide`),
      fetch(`${base()}/graphql`, { headers: { accept: 'text/html' } }),
      fetch(gw.url, { method: 'POST', headers: { ...json, authorization: gw.analyst }, body: '{"query":"{ __typename }"}' }),
      fetch(gw.url, { method: 'OPTIONS' }),
      fetch(`${base()}/nowhere`),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 404]);
    expect(responses.map((r) => r.headers.get('x-powered-by'))).toEqual(Array(8).fill(null));
  });
});

describe('METRICS_PORT (item 8)', () => {
  it('without it, /metrics is on the main port', async () => {
    const gw = await startTestGateway('metrics-main-port');
    try {
      const base = gw.url.replace(/\/graphql$/, '');
      expect(gw.gateway.metricsUrl).toBe(`${base}/metrics`);
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/^graphql_active_subscriptions 0$/m);
    } finally {
      await gw.stop();
    }
  });

  it('with it, /metrics is only on that port (404 on the main one)', async () => {
    const gw = await startTestGateway('metrics-own-port', { metricsPort: 0 });
    try {
      const base = gw.url.replace(/\/graphql$/, '');
      const metricsPort = Number(new URL(gw.gateway.metricsUrl).port);
      expect(metricsPort).not.toBe(Number(new URL(gw.url).port));
      expect(gw.gateway.metricsUrl).toBe(`http://127.0.0.1:${metricsPort}/metrics`);

      await gw.query('{ __typename }');
      const scrape = await fetch(gw.gateway.metricsUrl);
      expect(scrape.status).toBe(200);
      expect(scrape.headers.get('x-powered-by')).toBeNull();
      expect(await scrape.text()).toMatch(/^graphql_requests_total\{operation="anonymous",outcome="ok"\} 1$/m);

      const onMain = await fetch(`${base}/metrics`);
      expect(onMain.status).toBe(404);
      expect(((await onMain.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
      // The metrics port serves nothing else.
      expect((await fetch(`http://127.0.0.1:${metricsPort}/graphql`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${metricsPort}/healthz`)).status).toBe(404);
    } finally {
      await gw.stop();
    }
    // Stopping the gateway closes the metrics port too.
    await expect(fetch(gw.gateway.metricsUrl)).rejects.toThrow();
  });
});
