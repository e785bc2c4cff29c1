import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { partnerClaims } from '../src/platform/security/viewer';
import { documentHash, operationManifest } from '../src/platform/security/persisted/manifest';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { uniqueCpf } from './support/registration';

const root = join(__dirname, '..');
const manifestFile = join(root, 'examples', 'generated', 'persisted-operations.json');
const manifest: Record<string, { operationName: string; document: string }> = JSON.parse(readFileSync(manifestFile, 'utf8'));
const statusEntry = Object.entries(manifest).find(([, v]) => v.operationName === 'CustomerRegistration')!;

it('the manifest is current with examples/operations (run `npm run codegen`)', () => {
  const dir = join(root, 'examples', 'operations');
  const documents = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  expect(manifest).toEqual(operationManifest(documents));
});

describe('automatic persisted queries', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('apq');
  });
  afterAll(() => gw.stop());

  it('asks for the text once, then runs by hash', async () => {
    const query = '{ __typename }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: documentHash(query) } };
    const post = (body: object) =>
      fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: gw.analyst }, body: JSON.stringify(body) }).then(
        (r) => r.json() as Promise<any>,
      );
    expect((await post({ extensions })).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post({ query, extensions })).data).toEqual({ __typename: 'Query' });
    expect((await post({ extensions })).data).toEqual({ __typename: 'Query' });
  });
});

describe('allow-list mode', () => {
  let gw: TestGateway;
  let partner: string;
  beforeAll(async () => {
    gw = await startTestGateway('allowlist', { persistedOperations: { mode: 'allowlist', manifestFile } });
    partner = `Bearer ${await tokenFor(partnerClaims())}`;
  });
  afterAll(() => gw.stop());

  const post = (body: object, authorization: string) =>
    fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as any,
    }));

  it('runs registered operations by hash alone, or by their exact text', async () => {
    const [hash, { document }] = statusEntry;
    const variables = { documentNumber: uniqueCpf() };
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables }, partner);
    expect(byHash.body).toEqual({ data: { customerRegistration: null } });
    const byText = await post({ query: document, variables }, partner);
    expect(byText.body).toEqual({ data: { customerRegistration: null } });
    const reformatted = await post({ query: `# from the IDE\n${document.replace(/\n\s*/g, ' ')}`, variables }, partner);
    expect(reformatted.body).toEqual({ data: { customerRegistration: null } });
  });

  it('refuses any other operation for production clients, before executing it', async () => {
    const res = await post({ query: '{ customerRegistration(documentNumber: "52998224725") { status } }' }, partner);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
  });

  it('still lets analysts explore', async () => {
    const res = await post({ query: '{ __typename }' }, gw.analyst);
    expect(res.body.data).toEqual({ __typename: 'Query' });
  });
});
