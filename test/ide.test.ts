import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { buildIdeBundle, IDE_BUNDLE } from '../scripts/build-ide';
import { analystClaims, partnerClaims, personalConsentClaims } from '../src/platform/security/viewer';
import { loadConfig } from '../src/platform/config';
import { DEMO_FIRST_CNPJ, DEMO_FIRST_CPF, loadDemoDataIfEmpty } from '../src/modules/demo/demo-data';
import { JOURNEY_CPF, loadPresetGroups } from '../src/modules/ide/ide';
import type { IdePageConfig } from '../src/modules/ide/ide-config';
import { SANDBOX_REPROVED_CPFS } from '../src/modules/onboarding/registration.rules';
import { testDatabaseKind } from './support/database';
import { uploadDocument } from './support/documents';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { noisePng } from './support/images';
import { eventually } from './support/process';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';

/**
 * The offline IDE end to end, in a real headless Chromium (Debian's package,
 * driven by playwright-core): every request of the page must go to the
 * gateway itself, and the IDE must run a query, show the docs, autocomplete
 * and run a subscription over graphql-ws.
 */
/** The browser's, inside callbacks that Playwright runs in the page (this program has no DOM types). */
declare const document: any;

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(__dirname, 'artifacts', 'ide.png');
const haveChromium = existsSync(CHROMIUM);
/** In CI (.ci/run exports CI=true) or with REQUIRE_CHROMIUM=1 a missing Chromium fails the suite; elsewhere it skips, saying so. */
const chromiumRequired = ['1', 'true'].includes(String(process.env.CI ?? process.env.REQUIRE_CHROMIUM ?? '').toLowerCase());
const HOW_TO_INSTALL = 'install it with `apt-get install -y chromium` (never `npx playwright install`)';
if (!haveChromium && !chromiumRequired) {
  console.warn(`test/ide.test.ts SKIPPED the browser tests: ${CHROMIUM} is missing; ${HOW_TO_INSTALL}.`);
}
const describeWithChromium = haveChromium ? describe : describe.skip;

if (!haveChromium && chromiumRequired) {
  it(`has Chromium at ${CHROMIUM} (required in CI)`, () => {
    throw new Error(`${CHROMIUM} is missing; ${HOW_TO_INSTALL}. The IDE's browser tests cannot run.`);
  });
}

let gw: TestGateway;
beforeAll(async () => {
  // Long enough an evaluation that the IDE shows an intermediate event before the decision.
  gw = await startTestGateway('ide', { evaluationDelayMs: 6_000 });
  // The presets' sample ids come from the demo set that `npm start` loads into an empty database.
  await loadDemoDataIfEmpty(gw.dataSource);
});

const codesOf = (body: any): (string | undefined)[] => (body.errors ?? []).map((e: any) => e.extensions?.code);
const CONFIG = /<script id="ide-config" type="application\/json">(.*?)<\/script>/s;
afterAll(() => gw?.stop());

describe('IDE routes over HTTP', () => {
  it('answers the page at /graphql to browsers and at /ide, with a strict Content-Security-Policy', async () => {
    for (const url of [gw.url, gw.url.replace(/\/graphql$/, '/ide')]) {
      const res = await fetch(url, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
      const html = await res.text();
      expect(html).toContain('/ide/assets/graphiql.min.js');
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//); // nothing from another host
    }
  });

  it('leaves API requests to Apollo', async () => {
    const json = await fetch(gw.url, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).not.toMatch(/text\/html/);
    const any = await fetch(`${gw.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'text/html', 'apollo-require-preflight': 'true' },
    });
    expect(any.headers.get('content-type')).not.toMatch(/text\/html/);
    const post = await gw.query('{ __typename }');
    expect(post.body.data).toEqual({ __typename: 'Query' });
  });

  it('serves only the listed assets', async () => {
    const base = gw.url.replace(/\/graphql$/, '/ide/assets/');
    const expected: Record<string, RegExp> = {
      'graphiql.min.js': /javascript/,
      'graphiql.min.css': /text\/css/,
      'react.production.min.js': /javascript/,
      'react-dom.production.min.js': /javascript/,
      'graphql-ws.min.js': /javascript/,
      'ide.js': /javascript/,
      'ide.css': /text\/css/,
    };
    for (const [name, type] of Object.entries(expected)) {
      const res = await fetch(base + name);
      expect([name, res.status]).toEqual([name, 200]);
      expect(res.headers.get('content-type')).toMatch(type);
      await res.arrayBuffer();
    }
    for (const name of ['package.json', '..%2F..%2Fpackage.json', 'graphiql.min.js.map', 'react.development.js']) {
      expect([name, (await fetch(base + name)).status]).toEqual([name, 404]);
    }
  });

  it('serves the bundle of src/modules/ide/browser, and the committed bundle is what esbuild builds from the sources today (npm run build:ide)', async () => {
    const committed = readFileSync(IDE_BUNDLE, 'utf8');
    expect(committed).toBe(await buildIdeBundle());
    const served = await fetch(gw.url.replace(/\/graphql$/, '/ide/assets/ide.js'));
    expect(await served.text()).toBe(committed);
  });

  it('groups the presets by who uses them, every operation once, sample ids from the demo data or marked as needing a fresh one', async () => {
    const html = await (await fetch(gw.url.replace(/\/graphql$/, '/ide'))).text();
    const config: IdePageConfig = JSON.parse(CONFIG.exec(html)![1]);
    expect(config.groups.map((g) => g.id)).toEqual(['analysts', 'journey', 'consents', 'reviews']);
    const operations = config.groups.flatMap((g) => g.tabs.map((t) => /^(query|mutation|subscription) (\w+)/m.exec(t.query)![2]));
    expect([...operations].sort()).toEqual(
      readdirSync(join(__dirname, '..', 'examples', 'operations'))
        .map((f) => f.replace(/\.graphql$/, ''))
        .sort(),
    );
    expect(config.groups.map((g) => g.tabs.length).every((n) => n <= 10)).toBe(true);
    for (const tab of config.groups.flatMap((g) => g.tabs)) {
      if (tab.variables.includes('<'))
        expect([tab.query.split('\n')[0], tab.query]).toEqual([tab.query.split('\n')[0], expect.stringMatching(/# Needs (a )?fresh id/)]);
    }
    // The manual-review presets say so, and say how the four eyes go.
    for (const tab of config.groups.find((g) => g.id === 'reviews')!.tabs) expect(tab.query).toContain('# Manual review, four eyes');
    expect(config.groups[1].tabs.every((t) => !t.variables.includes(DEMO_FIRST_CPF))).toBe(true);
  });

  it("the presets' sample ids answer data on the demo data (and the journey's CPF is not a customer yet)", async () => {
    const tabs = new Map(
      loadPresetGroups()
        .flatMap((g) => g.tabs)
        .map((t) => [/^(?:query|mutation|subscription) (\w+)/m.exec(t.query)![1], t]),
    );
    const run = async (name: string) => (await gw.query(tabs.get(name)!.query, JSON.parse(tabs.get(name)!.variables))).body;
    const page = await run('PersonalCustomersPage');
    expect(page.errors).toBeUndefined();
    expect(page.data.personalCustomers.totalCount).toBeGreaterThan(0);
    expect((await run('PersonalCustomer')).data.personalCustomer).toMatchObject({ cpfNumber: DEMO_FIRST_CPF });
    expect((await run('BusinessCustomer')).data.businessCustomer).toMatchObject({ cnpjNumber: DEMO_FIRST_CNPJ });
    const consent = await run('CreateConsent');
    expect(consent.errors).toBeUndefined();
    expect(consent.data.createConsent).toMatchObject({ cpf: DEMO_FIRST_CPF, status: 'AWAITING_AUTHORISATION' });
    const journey = await gw.query('query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber } }', { c: JOURNEY_CPF });
    expect(journey.body.data?.personalCustomer ?? null).toBeNull();
  });
});

describe(`GET /documents/{token}/image on ${testDatabaseKind}`, () => {
  const IMAGE = noisePng(400, 400, 77);
  let cpf: string;
  let token: string;
  let imageUrl: string;
  const AUDIT =
    'query($f: AuditFilter) { auditLog(first: 100, filter: $f) { edges { node { subject action customerDocument resources interactionId operationName } } } }';

  beforeAll(async () => {
    cpf = uniqueCpf();
    const partner = `Bearer ${await tokenFor(partnerClaims('ide-image-partner'))}`;
    const submitted = await uploadDocument(gw.url, partner, { documentNumber: cpf, documentType: 'SELFIE', file: IMAGE });
    expect(submitted.body.errors).toBeUndefined();
    token = submitted.body.data.submitDocument.token;
    imageUrl = gw.url.replace(/\/graphql$/, `/documents/${token}/image`);
  });

  it('answers an analyst the image bytes, after writing its audit row', async () => {
    const interactionId = '5d7a1f0e-3b9c-4e21-9a3d-6f2b8c4d1e07';
    const res = await fetch(imageUrl, { headers: { authorization: gw.analyst, 'x-fapi-interaction-id': interactionId } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await res.arrayBuffer()).equals(IMAGE)).toBe(true);
    const { body } = await gw.query(AUDIT, { f: { customerDocument: cpf } });
    const rows = body.data.auditLog.edges.map(({ node }: any) => node).filter((row: any) => row.operationName === 'documentImage');
    expect(rows).toEqual([
      { subject: 'test-analyst', action: 'READ', customerDocument: cpf, resources: [`documentImage:${token}`], interactionId, operationName: 'documentImage' },
    ]);
  });

  it('refuses partners (even the submitter) and customers with 403 FORBIDDEN, no token with 401, and says nothing of unknown tokens but 404 to analysts', async () => {
    const tokens = {
      partner: `Bearer ${await tokenFor(partnerClaims('ide-image-partner'))}`,
      customer: `Bearer ${await tokenFor(personalConsentClaims(cpf))}`,
    };
    for (const [who, authorization] of Object.entries(tokens)) {
      const res = await fetch(imageUrl, { headers: { authorization } });
      expect([who, res.status, codesOf(await res.json())]).toEqual([who, 403, ['FORBIDDEN']]);
    }
    const anonymous = await fetch(imageUrl);
    expect([anonymous.status, codesOf(await anonymous.json())]).toEqual([401, ['UNAUTHENTICATED']]);
    for (const unknown of ['0123456789abcdef0123456789abcdef', 'not-a-token', `${token}x`]) {
      const res = await fetch(gw.url.replace(/\/graphql$/, `/documents/${unknown}/image`), { headers: { authorization: gw.analyst } });
      expect([unknown, res.status, codesOf(await res.json())]).toEqual([unknown, 404, ['DOCUMENT_NOT_FOUND']]);
    }
    // Refusals read nothing: the only audit row of this image is the analyst's.
    const { body } = await gw.query(AUDIT, { f: { customerDocument: cpf } });
    expect(body.data.auditLog.edges.filter(({ node }: any) => node.operationName === 'documentImage').map(({ node }: any) => node.subject)).toEqual([
      'test-analyst',
    ]);
  });

  it('counts every request, refused ones too, against the shared rate limit: 429 TOO_MANY_REQUESTS with Retry-After', async () => {
    const limits = loadConfig().limits;
    const limited = await startTestGateway('ide-image-rate', {
      inProcessWorker: false,
      limits: { ...limits, rateLimit: { points: 2, windowSeconds: 60, keyPrefix: `ide-image-rate-${process.pid}-${Date.now()}` } },
    });
    try {
      const url = limited.url.replace(/\/graphql$/, '/documents/0123456789abcdef0123456789abcdef/image');
      for (const [authorization, first] of [
        [limited.analyst, 404],
        ['', 401],
      ] as const) {
        const headers = authorization ? { authorization } : undefined;
        for (let i = 0; i < 2; i++) expect((await fetch(url, { headers })).status).toBe(first);
        const refused = await fetch(url, { headers });
        expect([refused.status, codesOf(await refused.json())]).toEqual([429, ['TOO_MANY_REQUESTS']]);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
    } finally {
      await limited.stop();
    }
  });

  it('is admitted as /graphql is: a malformed interaction id, a bad token and the rate limit get the same status and body as /graphql (REST the same code)', async () => {
    const limits = loadConfig().limits;
    const limited = await startTestGateway('ide-image-admission', {
      inProcessWorker: false,
      limits: { ...limits, rateLimit: { points: 3, windowSeconds: 60, keyPrefix: `ide-image-admission-${process.pid}-${Date.now()}` } },
    });
    const base = limited.url.replace(/\/graphql$/, '');
    const image = (headers: Record<string, string>) => fetch(`${base}/documents/0123456789abcdef0123456789abcdef/image`, { headers });
    const graphql = (headers: Record<string, string>) =>
      fetch(limited.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ __typename }' }) });
    const rest = (headers: Record<string, string>) => fetch(`${base}/open-banking/customers/v1/personal/identifications`, { headers });
    /** Status, Retry-After and body, the interaction id aside once checked against the response header. */
    const answer = async (res: Response) => {
      const body: any = await res.json();
      for (const error of body.errors ?? []) {
        if (error.extensions?.interactionId !== undefined) {
          expect(error.extensions.interactionId).toBe(res.headers.get('x-fapi-interaction-id'));
          delete error.extensions.interactionId;
        }
      }
      return { status: res.status, retryAfter: res.headers.get('retry-after') !== null, body };
    };
    try {
      const malformed = { 'x-fapi-interaction-id': '-not valid-', authorization: limited.analyst };
      expect(await answer(await image(malformed))).toEqual(await answer(await graphql(malformed)));
      expect((await answer(await image(malformed))).body.errors.map((e: any) => e.extensions.code)).toEqual(['INVALID_INTERACTION_ID']);

      const badToken = { authorization: 'Bearer not-a-token' }; // counted against the address: 3 points, then refused
      const refusedToken = await answer(await image(badToken));
      expect(refusedToken).toEqual(await answer(await graphql(badToken)));
      expect([refusedToken.status, codesOf(refusedToken.body)]).toEqual([401, ['UNAUTHENTICATED']]);
      expect((await answer(await rest(badToken))).body.errors.map((e: any) => e.code)).toEqual(['UNAUTHENTICATED']);

      const limitedImage = await answer(await image(badToken));
      const limitedGraphql = await answer(await graphql(badToken));
      // The message counts down the seconds left: compare everything else.
      const withoutMessage = ({ body, ...rest }: { status: number; retryAfter: boolean; body: any }) => ({
        ...rest,
        errors: body.errors.map(({ message: _message, extensions: { retryAfterSeconds: _seconds, ...extensions } }: any) => extensions),
      });
      expect(withoutMessage(limitedImage)).toEqual(withoutMessage(limitedGraphql));
      expect([limitedImage.status, limitedImage.retryAfter, codesOf(limitedImage.body)]).toEqual([429, true, ['TOO_MANY_REQUESTS']]);
      expect((await answer(await rest(badToken))).body.errors.map((e: any) => e.code)).toEqual(['TOO_MANY_REQUESTS']);
    } finally {
      await limited.stop();
    }
  });
});

describeWithChromium('IDE in headless Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const requested: string[] = [];
  const problems: string[] = [];

  const isLocal = (url: string) => {
    if (/^(data|blob|about):/.test(url)) return true;
    const { hostname } = new URL(url);
    return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
  };

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'ide-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1440, height: 900 },
    });
    context.on('request', (request) => void requested.push(request.url()));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e: any) =>
        console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    // Never let a request leave the machine, even if the assertion below would catch it anyway.
    await context.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('websocket', (socket) => void requested.push(socket.url()));
    page.on('response', (response) => {
      if (response.status() >= 400)
        problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()} ${response.request().postData()?.slice(0, 80)}`);
    });
    page.on('pageerror', (error) => void problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) problems.push(`console ${message.type()}: ${message.text()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** Sets a CodeMirror editor's text, as typing would (GraphiQL listens to its change events). */
  const setEditor = (selector: string, text: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((element, value) => (element as any).CodeMirror.setValue(value), text);
  const QUERY_EDITOR = '.graphiql-query-editor .CodeMirror';
  const TOOL_EDITOR = '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror';
  const responseShows = (text: string, timeout = 20_000) =>
    page
      .waitForFunction((t) => document.querySelector('.graphiql-response')?.textContent?.includes(t), text, { timeout })
      .catch(async (error) => {
        const shown = await page
          .locator('.graphiql-response')
          .first()
          .textContent()
          .catch(() => null);
        throw new Error(`${(error as Error).message}\nwaiting for ${text}; the response pane shows: ${shown}`);
      });
  const openTab = (name: string) =>
    page
      .locator('.graphiql-tab-button')
      .filter({ hasText: new RegExp(`^${name}$`) })
      .click();
  const run = () => page.locator('.graphiql-execute-button').click();

  /** The GraphiQL editor's whole text (CodeMirror renders only the visible lines into the DOM). */
  const editorText = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((element) => (element as any).CodeMirror.getValue() as string);
  const RESPONSE = '.graphiql-response .CodeMirror';
  const tabNames = async () => (await page.locator('.graphiql-tab-button').allInnerTexts()).map((t) => t.trim());
  const chooseGroup = async (id: string) => {
    await page.locator('#ide-preset-group').selectOption(id);
    await page.locator('.graphiql-container').waitFor();
  };
  const openPreset = async (group: string, name: string) => {
    await chooseGroup(group);
    await openTab(name);
  };
  const showVariables = () => page.locator('.graphiql-editor-tools button[data-name="variables"]').click();
  const identity = (name: string) => page.locator('.ide-identity').filter({ hasText: new RegExp(`^${name}$`) });
  const saveIdentity = async (name: string, bearer: string) => {
    await page.locator('#ide-identity-name').fill(name);
    await page.locator('#ide-token-input').fill(bearer.replace(/^Bearer /, ''));
    await page.locator('#ide-token-apply').click();
    await expect(identity(name).getAttribute('aria-pressed')).resolves.toBe('true');
  };
  let config: IdePageConfig;

  it('opens at the endpoint, offline, on the first preset of the first group with its variables in the Variables pane (GraphiQL #3392)', async () => {
    const response = await page.goto(gw.url, { waitUntil: 'load' });
    expect(response!.headers()['content-type']).toMatch(/^text\/html/);
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    config = JSON.parse(CONFIG.exec(await response!.text())![1]);
    // The presets in a menu by who uses them, not 22 tabs in a row.
    await expect(page.locator('#ide-preset-group option').allInnerTexts()).resolves.toEqual([
      'Analysts (3)',
      'Partners · mobile journey (9)',
      'Consents · data receivers (5)',
      'Manual review (four eyes) (5)',
    ]);
    expect(await tabNames()).toEqual(['PersonalCustomersPage', 'PersonalCustomer', 'BusinessCustomer']);
    // A fresh browser: the active preset's variables are there at once, without switching tabs.
    await page.waitForFunction((sel) => (document.querySelector(sel) as any)?.CodeMirror.getValue().includes('CONTA_DEPOSITO_A_VISTA'), TOOL_EDITOR, {
      timeout: 10_000,
    });
    expect(await editorText(TOOL_EDITOR)).toBe(config.groups[0].tabs[0].variables);
    // Without a token the gateway refuses introspection (analysts only): the only errors so far.
    await page.waitForFunction(() => !document.querySelector('.graphiql-spinner'));
    expect(problems.filter((p) => !/^HTTP 403 POST .*IntrospectionQuery|status of 403/.test(p))).toEqual([]);
    problems.length = 0;
  });

  it('first click: with an analyst identity saved, running the active preset answers the demo data', async () => {
    await saveIdentity('analyst A', gw.analyst);
    await expect(page.locator('#ide-token-status').innerText()).resolves.toContain('roles analyst');
    await run();
    await page.waitForFunction((sel) => /"totalCount": [1-9]/.test((document.querySelector(sel) as any)?.CodeMirror.getValue() ?? ''), RESPONSE, {
      timeout: 20_000,
    });
    const result = JSON.parse(await editorText(RESPONSE));
    expect(result.errors).toBeUndefined();
    expect(result.data.personalCustomers.edges.length).toBeGreaterThan(0);
    expect(result.data.personalCustomers.edges[0].node.identifications).not.toBeNull();
  });

  it('every group opens on its first preset with its variables', async () => {
    for (const group of config.groups) {
      await chooseGroup(group.id);
      expect(await tabNames()).toEqual(group.tabs.map((t) => /^(?:query|mutation|subscription) (\w+)/m.exec(t.query)![1]));
      await page.waitForFunction(
        ([sel, text]) => (document.querySelector(sel) as any)?.CodeMirror.getValue() === text,
        [TOOL_EDITOR, group.tabs[0].variables] as const,
        { timeout: 10_000 },
      );
    }
    await chooseGroup('analysts');
  });

  it('keeps several identities, one active, across a reload; one click switches', async () => {
    await saveIdentity('analyst B', `Bearer ${await tokenFor(analystClaims('ide-analyst-b'))}`);
    await expect(page.locator('#ide-token-status').innerText()).resolves.toContain('sub ide-analyst-b');
    await expect(identity('analyst A').getAttribute('aria-pressed')).resolves.toBe('false');
    await identity('analyst A').click();
    await expect(page.locator('#ide-token-status').innerText()).resolves.toContain('sub test-analyst');
    await page.reload({ waitUntil: 'load' });
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    await expect(page.locator('.ide-identity').allInnerTexts()).resolves.toEqual(['analyst A', 'analyst B']);
    await expect(identity('analyst A').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.locator('#ide-token-status').innerText()).resolves.toContain('sub test-analyst');
  });

  it('takes the analyst token, then shows the docs and autocompletes from the schema', async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Root Types').waitFor();
    await page.locator('.graphiql-doc-explorer-search-input input').fill('PersonalCustomer');
    await page
      .locator('[data-cy="doc-explorer-option"]')
      .filter({ hasText: /^PersonalCustomer$/ })
      .first()
      .click();
    await expect(page.locator('.graphiql-doc-explorer-title').innerText()).resolves.toBe('PersonalCustomer');
    await page.locator('.graphiql-doc-explorer').getByText('identifications').first().waitFor();

    await page.getByRole('button', { name: 'Add tab' }).click();
    await setEditor(QUERY_EDITOR, '{\n  \n}\n');
    await page
      .locator(QUERY_EDITOR)
      .first()
      .evaluate((element) => {
        const editor = (element as any).CodeMirror;
        editor.focus();
        editor.setCursor({ line: 1, ch: 2 });
      });
    await page.keyboard.type('personalCust');
    const hints = page.locator('.CodeMirror-hints');
    await hints.getByText('personalCustomers', { exact: true }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    await page.locator('.graphiql-tab').last().getByRole('button', { name: 'Close Tab' }).click();
  });

  it('four eyes in two clicks: analyst A claims and decides, one click on analyst B and one on Run confirm', async () => {
    const cpf = [...SANDBOX_REPROVED_CPFS][0];
    const partner = `Bearer ${await tokenFor({ sub: 'ide-review-partner', scope: 'customer.read customer.write' })}`;
    const input = validRegistration({ registerName: 'Anita Garibaldi', socialName: 'Anita Garibaldi' });
    expect((await gw.query(REGISTER, { documentNumber: cpf, input }, { authorization: partner })).body.errors).toBeUndefined();
    await eventually(
      async () =>
        (await gw.query('query($d: String!) { customerRegistration(documentNumber: $d) { status } }', { d: cpf })).body.data.customerRegistration.status ===
        'REPROVED',
      30_000,
    );
    const asked = await gw.query(
      'mutation($d: String!) { requestManualReview(documentNumber: $d, reason: "Documento novo enviado.") { status } }',
      { d: cpf },
      { authorization: partner },
    );
    expect(asked.body.errors).toBeUndefined();

    const variables = (name: string) =>
      JSON.parse(config.groups.find((g) => g.id === 'reviews')!.tabs.find((t) => t.query.includes(`mutation ${name}(`))!.variables);
    for (const [name, shows] of [
      ['ClaimManualReview', '"claimedBy": "test-analyst"'],
      ['DecideManualReview', '"decision": "APPROVE"'],
    ]) {
      await openPreset('reviews', name);
      await showVariables();
      await setEditor(TOOL_EDITOR, JSON.stringify({ ...variables(name), documentNumber: cpf }, null, 2));
      await run();
      await responseShows(shows);
    }
    await openTab('ConfirmManualReview');
    await showVariables();
    await setEditor(TOOL_EDITOR, JSON.stringify({ documentNumber: cpf }, null, 2));
    await identity('analyst B').click();
    await run();
    await responseShows('"confirmedBy": "ide-analyst-b"');
    await responseShows('"status": "DECIDED"');
    await eventually(
      async () =>
        (await gw.query('query($d: String!) { customerRegistration(documentNumber: $d) { status } }', { d: cpf })).body.data.customerRegistration.status ===
        'APPROVED',
      20_000,
    );
    await identity('analyst A').click();
  });

  it('shows an analyst a document image from the bar (the audited route, with the active identity)', async () => {
    const cpf = uniqueCpf();
    const partner = `Bearer ${await tokenFor(partnerClaims('ide-image-partner'))}`;
    const submitted = await uploadDocument(gw.url, partner, { documentNumber: cpf, documentType: 'SELFIE', file: noisePng(320, 240, 5) });
    expect(submitted.body.errors).toBeUndefined();
    const token: string = submitted.body.data.submitDocument.token;
    await page.locator('#ide-image-token').fill(token);
    await page.locator('#ide-image-open').click();
    await page.locator('#ide-image').waitFor({ timeout: 10_000 });
    await expect(page.locator('#ide-image').getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/);
    await page.waitForFunction(() => (document.querySelector('#ide-image') as any)?.naturalWidth === 320);
    const { body } = await gw.query('query($f: AuditFilter) { auditLog(first: 10, filter: $f) { edges { node { subject resources } } } }', {
      f: { customerDocument: cpf },
    });
    expect(body.data.auditLog.edges.map(({ node }: any) => node)).toContainEqual({ subject: 'test-analyst', resources: [`documentImage:${token}`] });
    await page.locator('#ide-image-close').click();
  });

  it("runs the evaluation subscription over graphql-ws with the Headers editor's token", async () => {
    const cpf = uniqueCpf();
    // The partner that registers is the one that follows it (another partner's stream stays silent).
    const partner = `Bearer ${await tokenFor(partnerClaims('ide-partner'))}`;
    const registered = await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: partner });
    expect(registered.body.errors).toBeUndefined();

    await openPreset('journey', 'CustomerEvaluation');
    await setEditor(TOOL_EDITOR, JSON.stringify({ documentNumber: cpf }, null, 2));
    // The Headers editor overrides the token bar, for the socket too: a bad token is refused at connection_init…
    await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
    await setEditor(TOOL_EDITOR, JSON.stringify({ Authorization: 'Bearer not.a.token' }));
    await run();
    await responseShows('4403');
    // …and a partner token follows the evaluation live.
    await setEditor(TOOL_EDITOR, JSON.stringify({ Authorization: partner }));
    await run();
    await page.waitForFunction(() => /CUSTOMER_WAS_RECEIVED|CUSTOMER_IN_ANALYSIS/.test(document.querySelector('.graphiql-response')?.textContent ?? ''), null, {
      timeout: 20_000,
    });
    await responseShows('ACCOUNT_WAS_CREATED');
    await responseShows(cpf);
  });

  it('uploads a selfie from the SubmitDocument tab with "File for Upload" (a multipart request), then resumes an evaluation', async () => {
    const cpf = uniqueCpf();
    await openPreset('journey', 'SubmitDocument');
    await page.locator('.graphiql-editor-tools button[data-name="variables"]').click();
    await setEditor(TOOL_EDITOR, JSON.stringify({ documentNumber: cpf, documentType: 'SELFIE', documentSide: 'FRONT' }, null, 2));
    // No file chosen yet: the IDE says what to do instead of sending a request the gateway would refuse.
    await run();
    await responseShows('choose one with');
    const image = join(mkdtempSync(join(tmpdir(), 'ide-upload-')), 'selfie.png');
    writeFileSync(image, noisePng(400, 400, 41));
    await page.locator('#ide-upload-file').setInputFiles(image);
    await run();
    await responseShows('"status": "ANALYZING"');
    const token = await page.evaluate(() => /"token": "([0-9a-f]{32})"/.exec(document.querySelector('.graphiql-response')?.textContent ?? '')?.[1]);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    const stored = await gw.query('query($d: String!, $t: String!) { documentAnalysis(documentNumber: $d, token: $t) { documentType } }', { d: cpf, t: token });
    expect(stored.body.data.documentAnalysis).toEqual({ documentType: 'SELFIE' });

    // The resumable stream's tab: after the approval's sequence, only the account event follows.
    const registered = await gw.query(REGISTER, {
      documentNumber: cpf,
      input: validRegistration({ registerName: 'Maria Quitéria', socialName: 'Maria Quitéria' }),
    });
    expect(registered.body.errors).toBeUndefined();
    const events: { sequence: number; name: string }[] = await eventually(async () => {
      const { body } = await gw.query('query($d: String!) { customerRegistration(documentNumber: $d) { status events { sequence name } } }', { d: cpf });
      return body.data.customerRegistration.status === 'APPROVED' && body.data.customerRegistration.events;
    }, 20_000);
    const approved = events.find((e) => e.name === 'CUSTOMER_WAS_APPROVED')!;
    await openTab('ResumeCustomerEvaluation');
    await page.locator('.graphiql-editor-tools button[data-name="variables"]').click();
    await setEditor(TOOL_EDITOR, JSON.stringify({ documentNumber: cpf, afterSequence: approved.sequence }, null, 2));
    await run();
    await responseShows('ACCOUNT_WAS_CREATED');
    await expect(page.locator('.graphiql-response').innerText()).resolves.not.toContain('CUSTOMER_WAS_APPROVED');
  });

  it("runs the analysts' filtered list and shows the result on screen", async () => {
    await openPreset('analysts', 'PersonalCustomersPage');
    await page.locator('.graphiql-editor-tools button[data-name="variables"]').click();
    await setEditor(TOOL_EDITOR, JSON.stringify({ first: 5, filter: { name: 'Nísia' } }, null, 2));
    await run();
    await responseShows('"totalCount": 1');
    await responseShows('"civilName": "Nísia Floresta"');

    mkdirSync(join(__dirname, 'artifacts'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });

  it('made no request to any other host and broke no Content-Security-Policy rule', () => {
    expect(requested.length).toBeGreaterThan(5);
    expect(requested.filter((url) => !isLocal(url))).toEqual([]);
    expect(requested.some((url) => url.startsWith('ws://127.0.0.1'))).toBe(true);
    // Since the token was set, the refused socket (4403, asked for above) is the only expected error.
    expect(problems.filter((p) => !/4403|WebSocket/.test(p))).toEqual([]);
  });
});
