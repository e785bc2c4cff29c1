import { gzipSync } from 'node:zlib';
import { AuditEntry } from '../src/modules/audit/audit.entity';
import { personalConsentClaims } from '../src/platform/security/viewer';
import { loadConfig } from '../src/platform/config';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';

/**
 * The bad-input sweep: malformed HTTP bodies, invalid JSON, wrong content
 * types and methods, huge and deeply nested documents, wrong variable types,
 * overlong strings and 200 seeded random mutations of valid requests. Every
 * answer must be JSON with errors[].extensions.code (or plain data, for the
 * few mutations that are still valid requests), never a 5xx, an HTML page, a
 * stack trace or SQL; the server keeps serving and no business table changes.
 */
let gw: TestGateway;
let pendingCpf: string;
let pendingInput: ReturnType<typeof validRegistration>;
let consent: string;
let countsBefore: Record<string, number>;

/** Row counts of every table but the audit log (which records rejected registrations of valid CPFs too, by design). */
async function businessRowCounts(): Promise<Record<string, number>> {
  const audit = gw.dataSource.getMetadata(AuditEntry).tableName;
  const counts: Record<string, number> = {};
  for (const { tableName } of gw.dataSource.entityMetadatas) {
    if (tableName === audit) continue;
    const [row] = await gw.dataSource.query(`SELECT COUNT(*) AS n FROM ${tableName}`);
    counts[tableName] = Number(row.n);
  }
  return counts;
}

beforeAll(async () => {
  const limits = loadConfig().limits;
  gw = await startTestGateway('bad-input', { inProcessWorker: false, limits: { ...limits, rateLimit: { ...limits.rateLimit, points: 100_000 } } });
  // A registration awaiting evaluation: registering the same CPF again is refused and writes nothing.
  pendingCpf = uniqueCpf();
  pendingInput = validRegistration();
  const registered = await gw.query(REGISTER, { documentNumber: pendingCpf, input: pendingInput });
  expect(registered.body.errors).toBeUndefined();
  consent = `Bearer ${await tokenFor(personalConsentClaims(pendingCpf))}`;
  countsBefore = await businessRowCounts();
});
afterAll(() => gw?.stop());

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

interface RawRequest {
  method?: string;
  search?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

async function send({ method = 'POST', search = '', headers = {}, body }: RawRequest): Promise<Answer> {
  const res = await fetch(gw.url + search, { method, headers, body: body as RequestInit['body'] });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

const json = (body: unknown, headers: Record<string, string> = {}): RawRequest => ({
  headers: { 'content-type': 'application/json', authorization: gw.analyst, ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const LEAKS = ['SELECT ', 'INSERT ', 'UPDATE ', 'at /', 'node_modules', 'stacktrace', '    at ', '<html', '<!DOCTYPE'];

/** The answer is JSON; its errors each have a message and a stable code; nothing internal shows. Returns the codes. */
function expectStructured(answer: Answer, context: string): string[] {
  const where = `${context} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect([where, answer.status < 500]).toEqual([where, true]);
  expect([where, answer.contentType]).toEqual([where, expect.stringMatching(/json/)]);
  for (const leak of LEAKS) expect([where, answer.text.includes(leak)]).toEqual([where, false]);
  const body = JSON.parse(answer.text);
  expect([where, typeof body === 'object' && body !== null && !Array.isArray(body)]).toEqual([where, true]);
  if (!body.errors) {
    expect([where, 'data' in body, answer.status]).toEqual([where, true, 200]);
    return [];
  }
  expect([where, Array.isArray(body.errors) && body.errors.length > 0]).toEqual([where, true]);
  const codes: string[] = body.errors.map((error: { message?: unknown; extensions?: { code?: unknown } }) => {
    expect([where, typeof error.message]).toEqual([where, 'string']);
    expect([where, error.extensions?.code]).toEqual([where, expect.stringMatching(/^[A-Z][A-Z0-9_]+$/)]);
    return error.extensions!.code as string;
  });
  expect([where, codes.includes('INTERNAL_SERVER_ERROR')]).toEqual([where, false]);
  return codes;
}

/** Sends each request, expects a structured error (optionally with one of `codes`), then a valid query still works. */
async function sweep(cases: [string, RawRequest, string[]?][]) {
  for (const [name, request, codes] of cases) {
    const answer = await send(request);
    const got = expectStructured(answer, name);
    expect([name, got.length > 0]).toEqual([name, true]);
    if (codes) expect([name, got.some((code) => codes.includes(code))]).toEqual([name, true]);
  }
  expect((await gw.query('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
}

const PAGE =
  'query Page($first: Int!, $after: String, $filter: CustomerFilter) { personalCustomers(first: $first, after: $after, filter: $filter) { totalCount edges { cursor node { cpfNumber } } } }';
const REGISTRATION = 'query Registration($d: String!) { customerRegistration(documentNumber: $d) { status registerName events { name sequence } } }';

describe('malformed bodies and invalid JSON', () => {
  it('answers a structured 4xx to every one', async () => {
    const preflight = { 'apollo-require-preflight': 'true' };
    await sweep([
      ['truncated object', json('{"query": "{ __typename }"'), ['INVALID_JSON']],
      ['lone brace', json('{'), ['INVALID_JSON']],
      ['bare word', json('nope'), ['INVALID_JSON']],
      ['trailing comma', json('{"query": "{ __typename }",}'), ['INVALID_JSON']],
      ['missing value', json('{"query": }'), ['INVALID_JSON']],
      ['single quotes', json("{'query': '{ __typename }'}"), ['INVALID_JSON']],
      ['NUL byte', json('\u0000'), ['INVALID_JSON']],
      [
        'invalid UTF-8',
        { headers: { 'content-type': 'application/json', authorization: gw.analyst }, body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
      ],
      [
        'random bytes',
        {
          headers: { 'content-type': 'application/json', authorization: gw.analyst },
          body: Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)),
        },
      ],
      ['JSON null', json('null')],
      ['JSON string', json('"{ __typename }"')],
      ['JSON number', json('42')],
      ['JSON true', json('true')],
      ['empty array', json('[]'), ['BAD_REQUEST']],
      ['batch', json([{ query: '{ __typename }' }, { query: '{ __typename }' }]), ['BAD_REQUEST']],
      ['empty object', json({}), ['BAD_REQUEST']],
      ['query is a number', json({ query: 123 }), ['BAD_REQUEST']],
      ['query is null', json({ query: null }), ['BAD_REQUEST']],
      ['query is an array', json({ query: ['{ __typename }'] }), ['BAD_REQUEST']],
      ['query is an object', json({ query: { kind: 'Document', definitions: [] } }), ['BAD_REQUEST']],
      ['query is empty', json({ query: '' }), ['BAD_REQUEST']],
      ['query is blank', json({ query: '   ' }), ['GRAPHQL_PARSE_FAILED']],
      ['variables as a JSON string', json({ query: '{ __typename }', variables: '{"a":1}' }), ['BAD_REQUEST']],
      ['variables as an array', json({ query: '{ __typename }', variables: [1, 2] }), ['BAD_REQUEST']],
      ['variables as a number', json({ query: '{ __typename }', variables: 7 }), ['BAD_REQUEST']],
      ['operationName a number', json({ query: '{ __typename }', operationName: 5 }), ['BAD_REQUEST']],
      ['unknown operationName', json({ query: 'query A { __typename }', operationName: 'B' }), ['OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST']],
      ['extensions a string', json({ query: '{ __typename }', extensions: 'x' }), ['BAD_REQUEST']],
      ['unknown persisted query', json({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } })],
      ['persisted query with a wrong hash', json({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } })],
      ['persisted query version 2', json({ query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: 'a' } } })],
      ['gzip header, plain body', json('{"query":"{ __typename }"}', { 'content-encoding': 'gzip' })],
      [
        'gzip bomb-ish body',
        {
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: gw.analyst },
          body: gzipSync(Buffer.alloc(5 * 1024 * 1024, 0x20)),
        },
        ['INVALID_JSON', 'REQUEST_TOO_LARGE'],
      ],
      ['unknown content-encoding', json('{"query":"{ __typename }"}', { 'content-encoding': 'zstd-or-something' }), ['UNSUPPORTED_MEDIA_TYPE']],
      ['unsupported charset', json('{"query":"{ __typename }"}', { 'content-type': 'application/json; charset=latin1' }), ['UNSUPPORTED_MEDIA_TYPE']],
      ['empty JSON body', { headers: { 'content-type': 'application/json', authorization: gw.analyst }, body: '' }, ['BAD_REQUEST']],
      ['no body, no content type', { headers: { authorization: gw.analyst } }, ['BAD_REQUEST']],
      ['no body, preflight', { headers: { authorization: gw.analyst, ...preflight } }, ['BAD_REQUEST']],
    ]);
  });
});

describe('wrong content types and methods', () => {
  it('answers a structured 4xx to every one', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const withType = (type: string, extra: Record<string, string> = {}): RawRequest => ({
      headers: { 'content-type': type, authorization: gw.analyst, ...extra },
      body,
    });
    const preflight = { 'apollo-require-preflight': 'true' };
    await sweep([
      ['text/plain', withType('text/plain'), ['BAD_REQUEST']],
      ['text/plain with preflight', withType('text/plain', preflight), ['BAD_REQUEST']],
      ['form', withType('application/x-www-form-urlencoded'), ['BAD_REQUEST']],
      ['multipart', withType('multipart/form-data; boundary=x'), ['BAD_REQUEST']],
      ['xml', withType('application/xml'), ['BAD_REQUEST']],
      ['application/graphql', { headers: { 'content-type': 'application/graphql', authorization: gw.analyst }, body: '{ __typename }' }, ['BAD_REQUEST']],
      ['json-patch', withType('application/json-patch+json'), ['BAD_REQUEST']],
      ['garbage content type', withType('%%%/;;;'), ['BAD_REQUEST']],
      ['PUT', { ...json({ query: '{ __typename }' }), method: 'PUT' }, ['BAD_REQUEST']],
      ['DELETE', { method: 'DELETE', headers: { authorization: gw.analyst, ...preflight } }, ['BAD_REQUEST']],
      ['PATCH', { ...json({ query: '{ __typename }' }), method: 'PATCH' }, ['BAD_REQUEST']],
      ['GET without a query', { method: 'GET', headers: { authorization: gw.analyst, ...preflight } }, ['BAD_REQUEST']],
      [
        'GET with a mutation',
        { method: 'GET', search: `?query=${encodeURIComponent('mutation { __typename }')}`, headers: { authorization: gw.analyst, ...preflight } },
      ],
      [
        'GET with variables not JSON',
        { method: 'GET', search: '?query=%7B__typename%7D&variables=%7Bnope', headers: { authorization: gw.analyst, ...preflight } },
        ['BAD_REQUEST'],
      ],
      [
        'GET with the query twice',
        { method: 'GET', search: '?query=%7B__typename%7D&query=%7B__typename%7D', headers: { authorization: gw.analyst, ...preflight } },
        ['BAD_REQUEST'],
      ],
      ['bad bearer', json({ query: '{ __typename }' }, { authorization: 'Bearer x.y.z' }), ['UNAUTHENTICATED']],
      ['basic auth', json({ query: '{ __typename }' }, { authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' }), ['UNAUTHENTICATED']],
      ['10 KB authorization', json({ query: '{ __typename }' }, { authorization: `Bearer ${'a'.repeat(10_000)}` }), ['UNAUTHENTICATED']],
      ['bad interaction id', json({ query: '{ __typename }' }, { 'x-fapi-interaction-id': '../../etc/passwd' }), ['INVALID_INTERACTION_ID']],
    ]);
  });
});

describe('huge and deeply nested documents', () => {
  it('answers a structured 4xx to every one', async () => {
    const nestedSelections = (levels: number) => '{ personalCustomers { edges { node { cpfNumber ' + '{a'.repeat(levels) + '}'.repeat(levels) + ' } } } }';
    const nestedValue = (levels: number) => `{ personalCustomers(filter: ${'{name: '.repeat(levels)}"x"${'}'.repeat(levels)}) { totalCount } }`;
    const nestedList = (levels: number) => `{ personalCustomers(first: ${'['.repeat(levels)}1${']'.repeat(levels)}) { totalCount } }`;
    const nestedJson = (levels: number) =>
      '{"query":"query($f: CustomerFilter) { personalCustomers(filter: $f) { totalCount } }","variables":{"f":' +
      '{"name":'.repeat(levels) +
      '"x"' +
      '}'.repeat(levels) +
      '}}';
    await sweep([
      ['1 MB document', json({ query: `{ __typename ${' '.repeat(1024 * 1024)}}` }), ['REQUEST_TOO_LARGE']],
      ['60 KB document', json({ query: `{ __typename } # ${'x'.repeat(60 * 1024)}` }), ['DOCUMENT_TOO_LARGE']],
      ['many tokens', json({ query: `{ ${'a '.repeat(1_500)}}` }), ['DOCUMENT_TOO_LARGE']],
      ['10 000 nested selections', json({ query: '{a'.repeat(10_000) + '}'.repeat(10_000) }), ['DOCUMENT_TOO_LARGE']],
      ['deep selections within the token cap', json({ query: nestedSelections(300) }), ['QUERY_TOO_DEEP']],
      ['deep input object literal', json({ query: nestedValue(200) }), ['GRAPHQL_VALIDATION_FAILED', 'DOCUMENT_TOO_LARGE']],
      ['deep list literal', json({ query: nestedList(400) }), ['GRAPHQL_VALIDATION_FAILED', 'DOCUMENT_TOO_LARGE']],
      [
        'deep JSON variables',
        { headers: { 'content-type': 'application/json', authorization: gw.analyst }, body: nestedJson(10_000) },
        ['BAD_USER_INPUT', 'INVALID_JSON'],
      ],
      [
        'deep JSON arrays',
        {
          headers: { 'content-type': 'application/json', authorization: gw.analyst },
          body: '{"query":"query($x: [[Int]]) { __typename }","variables":{"x":' + '['.repeat(40_000) + ']'.repeat(40_000) + '}}',
        },
      ],
      [
        '2 000 aliases',
        json({ query: `{ ${Array.from({ length: 2_000 }, (_, i) => `a${i}: __typename`).join(' ')} }` }),
        ['TOO_MANY_ALIASES', 'DOCUMENT_TOO_LARGE'],
      ],
      [
        '1 000 operations',
        json({ query: Array.from({ length: 1_000 }, (_, i) => `query Q${i} { __typename }`).join(' '), operationName: 'Q0' }),
        ['TOO_MANY_OPERATIONS', 'DOCUMENT_TOO_LARGE'],
      ],
      [
        '1 000 fragments',
        json({
          query: `{ ...F0 } ${Array.from({ length: 1_000 }, (_, i) => `fragment F${i} on Query { ${i < 999 ? `...F${i + 1}` : '__typename'} }`).join(' ')}`,
        }),
        ['DOCUMENT_TOO_LARGE'],
      ],
      ['fragment cycle', json({ query: '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }' }), ['GRAPHQL_VALIDATION_FAILED']],
      ['repeated field 1 500 times', json({ query: `{ ${'personalCustomers { totalCount } '.repeat(1_500)}}` }), ['DOCUMENT_TOO_LARGE']],
    ]);
  });
});

describe('wrong variable types and overlong strings', () => {
  it('answers a structured error to every one, before anything is written', async () => {
    const register = (documentNumber: unknown, input: unknown) => json({ query: REGISTER, variables: { documentNumber, input } });
    const input = (overrides: Record<string, unknown>) => ({ ...validRegistration(), ...overrides });
    const page = (variables: Record<string, unknown>) => json({ query: PAGE, variables: { first: 10, ...variables } });
    const cpf = uniqueCpf();
    await sweep([
      ['documentNumber a number', register(12345678901, input({})), ['BAD_USER_INPUT']],
      ['documentNumber null', register(null, input({})), ['BAD_USER_INPUT']],
      ['input a string', register(cpf, 'input'), ['BAD_USER_INPUT']],
      ['input an array', register(cpf, [input({})]), ['BAD_USER_INPUT']],
      ['input null', register(cpf, null), ['BAD_USER_INPUT']],
      ['registerName a number', register(cpf, input({ registerName: 5 })), ['BAD_USER_INPUT']],
      ['unknown input field', register(cpf, input({ admin: true })), ['BAD_USER_INPUT']],
      ['missing required field', register(cpf, { ...input({}), email: undefined }), ['BAD_USER_INPUT']],
      ['enum typo', register(cpf, input({ pep: { level: 'NONEE' } })), ['BAD_USER_INPUT']],
      ['decimal as text', register(cpf, input({ assertedIncome: { value: 'abc', currency: 'BRL' } }))],
      ['decimal huge', register(cpf, input({ assertedIncome: { value: '9'.repeat(400), currency: 'BRL' } }))],
      ['decimal negative', register(cpf, input({ assertedIncome: { value: -1, currency: 'BRL' } }))],
      ['decimal an object', register(cpf, input({ assertedIncome: { value: { $gt: 0 }, currency: 'BRL' } }))],
      ['birthDate an object', register(cpf, input({ birthDate: {} })), ['BAD_USER_INPUT']],
      ['first a string', page({ first: '10' }), ['BAD_USER_INPUT']],
      ['first a float', page({ first: 1.5 }), ['BAD_USER_INPUT']],
      ['first over 32 bits', page({ first: 2 ** 31 }), ['BAD_USER_INPUT']],
      ['first negative', page({ first: -1 }), ['INVALID_PARAMETER']],
      ['first zero', page({ first: 0 }), ['INVALID_PARAMETER']],
      ['first null', page({ first: null }), ['BAD_USER_INPUT']],
      ['after a number', page({ after: 123 }), ['BAD_USER_INPUT']],
      ['after garbage', page({ after: '%%%' }), ['INVALID_CURSOR']],
      ['filter date garbage', page({ filter: { updatedFrom: 'yesterday' } }), ['BAD_USER_INPUT']],
      ['filter state unknown', page({ filter: { state: 'XX' } }), ['BAD_USER_INPUT']],
      ['filter a list', page({ filter: [{ name: 'a' }] })],
      ['undeclared variable used', json({ query: '{ personalCustomer(cpfNumber: $c) { cpfNumber } }', variables: { c: '1' } }), ['GRAPHQL_VALIDATION_FAILED']],
      [
        'overlong CPF',
        json({ query: 'query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber } }', variables: { c: '1'.repeat(90_000) } }),
        ['INVALID_CPF'],
      ],
      ['overlong CNPJ literal', json({ query: `{ businessCustomer(cnpjNumber: "${'9'.repeat(10_000)}") { cnpjNumber } }` }), ['INVALID_CNPJ']],
      ['overlong name', register(cpf, input({ registerName: 'N'.repeat(60_000) }))],
      ['overlong email', register(cpf, input({ email: `${'e'.repeat(40_000)}@example.com` }))],
      ['overlong selfie token', register(cpf, input({ documentation: { selfie: 's'.repeat(80_000), idCardFront: 'x', idCardBack: 'y' } }))],
      ['overlong operationName', json({ query: '{ __typename }', operationName: 'O'.repeat(80_000) }), ['OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST']],
      ['overlong filter name', page({ filter: { name: 'n'.repeat(90_000) } })],
      [
        "someone else's CPF with a consent token",
        { ...register(cpf, input({})), headers: { 'content-type': 'application/json', authorization: consent } },
        ['FORBIDDEN'],
      ],
    ]);
    // The CPF used above was never registered.
    expect((await gw.query(REGISTRATION, { d: cpf })).body.data.customerRegistration).toBeNull();
  });
});

/** mulberry32: a small seeded PRNG, so the sweep is the same on every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('random mutations of valid requests', () => {
  it('answers 200 seeded mutations with structured errors (or data) and changes nothing', async () => {
    const random = prng(20240611);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const int = (max: number) => Math.floor(random() * max);
    const CHARS = [
      '{',
      '}',
      '[',
      ']',
      '(',
      ')',
      '"',
      ':',
      ',',
      '\\',
      ' ',
      '\n',
      '\u0000',
      '$',
      '@',
      '!',
      '#',
      '.',
      '…',
      'é',
      '0',
      '9',
      'a',
      'Z',
      '\u2028',
      '\uFFFF',
    ];
    const WEIRD: unknown[] = [
      null,
      0,
      -1,
      1.5,
      1e308,
      -1e308,
      '',
      ' ',
      'x'.repeat(5_000),
      '\u0000',
      '🙂'.repeat(200),
      "' OR '1'='1",
      '; DROP TABLE customer_registrations; --',
      [],
      [1, 2],
      {},
      { nested: { deeper: [] } },
      true,
      false,
      '{{}}',
      '$x',
      '__proto__',
      { __proto__: { admin: true } },
      2 ** 53,
      '1e309',
    ];

    const mutateText = (text: string): string => {
      let out = text;
      for (let n = 1 + int(3); n > 0; n--) {
        const at = int(out.length + 1);
        switch (int(6)) {
          case 0:
            out = out.slice(0, at) + out.slice(at + 1);
            break; // delete
          case 1:
            out = out.slice(0, at) + pick(CHARS) + out.slice(at);
            break; // insert
          case 2:
            out = out.slice(0, at) + pick(CHARS) + out.slice(at + 1);
            break; // replace
          case 3:
            out = out.slice(0, at) + out.slice(at, at + 1 + int(20)).repeat(2 + int(5)) + out.slice(at + 1 + int(20));
            break; // repeat a slice
          case 4:
            out = out.slice(0, at);
            break; // truncate
          default: {
            const b = int(out.length);
            const c = out.split('');
            [c[at], c[b]] = [c[b], c[at]];
            out = c.join('');
          } // swap
        }
      }
      return out;
    };
    const leafPaths = (value: unknown, path: string[] = []): string[][] =>
      value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => [[...path, k], ...leafPaths(v, [...path, k])]) : [];
    const mutateValue = (root: Record<string, unknown>) => {
      const copy = JSON.parse(JSON.stringify(root ?? {}));
      const paths = leafPaths(copy);
      if (paths.length === 0) return { x: pick(WEIRD) };
      const path = pick(paths);
      const parent = path.slice(0, -1).reduce((node: any, key) => node[key], copy);
      const key = path.at(-1)!;
      switch (int(3)) {
        case 0:
          delete parent[key];
          break;
        case 1:
          parent[`${key}Extra`] = pick(WEIRD);
          break;
        default:
          parent[key] = pick(WEIRD);
      }
      return copy;
    };

    const bases = [
      { query: REGISTER, variables: { documentNumber: pendingCpf, input: pendingInput }, operationName: 'Register' },
      { query: PAGE, variables: { first: 5, filter: { name: 'Nobody at all', state: 'SP' } }, operationName: 'Page' },
      { query: REGISTRATION, variables: { d: uniqueCpf() }, operationName: 'Registration' },
      {
        query: 'query Customer($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber identifications { civilName } } }',
        variables: { c: uniqueCpf() },
        operationName: 'Customer',
      },
    ];
    const tokens = [gw.analyst, gw.analyst, gw.analyst, consent, '', 'Bearer x.y.z'];

    let errors = 0;
    for (let i = 0; i < 200; i++) {
      const base = pick(bases);
      let body: string;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const authorization = pick(tokens);
      if (authorization) headers.authorization = authorization;
      const kind = int(5);
      if (kind === 0)
        body = mutateText(JSON.stringify(base)); // the JSON text
      else if (kind === 1)
        body = JSON.stringify({ ...base, query: mutateText(base.query) }); // the document
      else if (kind === 2)
        body = JSON.stringify({ ...base, variables: mutateValue(base.variables) }); // the variables
      else if (kind === 3)
        body = JSON.stringify({ ...base, [pick(['query', 'variables', 'operationName', 'extensions'])]: pick(WEIRD) }); // the envelope
      else {
        body = JSON.stringify(base);
        headers['content-type'] = pick(['text/plain', 'application/xml', 'application/json; charset=latin1', 'application/x-www-form-urlencoded', '']);
        if (random() < 0.5) headers['apollo-require-preflight'] = 'true';
      }
      const answer = await send({ headers, body });
      const codes = expectStructured(answer, `mutation #${i} (kind ${kind}): ${body.slice(0, 200)}`);
      if (codes.length > 0) errors += 1;
    }
    // Nearly every mutation breaks the request; the few that stay valid are answered normally.
    expect(errors).toBeGreaterThan(150);
    expect((await gw.query('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('after the sweep', () => {
  it('still serves, and no business table changed', async () => {
    const res = await gw.query(REGISTRATION, { d: pendingCpf });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.customerRegistration).toMatchObject({ status: 'PENDING_APPROVAL', registerName: pendingInput.registerName });
    expect(await businessRowCounts()).toEqual(countsBefore);
  });
});
