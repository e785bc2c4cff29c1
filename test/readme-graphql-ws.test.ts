import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { partnerClaims } from '../src/platform/security/viewer';
import { testDatabaseKind } from './support/database';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { REGISTER, validRegistration } from './support/registration';

jest.setTimeout(60_000);

const root = join(__dirname, '..');

/** The ```js block of docs/mobile-developers.md's "Follow the evaluation" section, as a reader copies it. */
function followEvaluationSnippet(): string {
  const readme = readFileSync(join(root, 'docs', 'mobile-developers.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Follow the evaluation'));
  const block = /```js\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('no js block under "## Follow the evaluation" in docs/mobile-developers.md');
  return block[1];
}

describe(`the documented graphql-ws snippet on ${testDatabaseKind}`, () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('readme-ws', { evaluationDelayMs: 60_000 });
  });
  afterAll(() => gw?.stop());

  it('runs on this Node as written (only the URL and the token substituted) and receives the first event', async () => {
    const snippet = followEvaluationSnippet();
    expect(snippet).toContain('webSocketImpl');
    const partner = `Bearer ${await tokenFor(partnerClaims('readme-partner'))}`;
    const cpf = /d: '(\d{11})'/.exec(snippet)![1];
    const registered = await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: partner });
    expect(registered.body.errors).toBeUndefined();

    // What the reader supplies around the snippet: its token, and what it does with the events.
    const prelude = [
      `const token = ${JSON.stringify(partner.slice('Bearer '.length))};`,
      'const render = (event) => { console.log(JSON.stringify(event)); process.exit(0); };',
      'const done = () => process.exit(3);',
    ].join('\n');
    const code = `${prelude}\n${snippet.replace('wss://gateway.example/graphql', gw.url.replace(/^http/, 'ws'))}`;
    // In the repository, so that `graphql-ws` and `ws` resolve from its node_modules, as in a reader's project.
    const dir = mkdtempSync(join(root, 'node_modules', '.readme-snippet-'));
    const file = join(dir, 'follow-evaluation.mjs');
    writeFileSync(file, code);
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [file], { cwd: root, timeout: 30_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      );
    }).finally(() => rmSync(dir, { recursive: true, force: true }));
    expect(JSON.parse(out.trim().split('\n')[0])).toMatchObject({ name: 'CUSTOMER_WAS_RECEIVED', status: expect.any(String), sequence: expect.any(Number) });
  });
});
