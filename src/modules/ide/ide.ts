import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import express, { Request, Response, Router } from 'express';
import { DEMO_FIRST_CNPJ, DEMO_FIRST_CPF } from '../demo';
import { DOCUMENT_IMAGE_PATH } from '../onboarding';
import type { IdePageConfig, IdePresetGroup, IdeTab } from './ide-config';

/**
 * The offline GraphQL IDE: GraphiQL 3 served entirely by the gateway from
 * installed packages (no CDN, no request to any other host), for bank
 * networks without Internet access.
 *
 * - GET /graphql from a browser (Accept prefers text/html, no `query` parameter)
 *   and GET /ide answer the IDE page; every other request to /graphql goes on
 *   to Apollo (mount these routes before it).
 * - GET /ide/assets/<name> serves a fixed list of files: GraphiQL's, React's
 *   and graphql-ws's browser builds, resolved in node_modules, plus the page's
 *   own script and stylesheet. Nothing else under node_modules is reachable.
 * - The page's own code is TypeScript in ./browser (DOM lib, type-checked by
 *   `npm run typecheck`), bundled by esbuild into ./browser/ide-app.bundle.js
 *   (`npm run build:ide`; committed, and test/ide.test.ts fails when stale).
 * - A bar of saved identities (several tokens with names, one active, kept in
 *   localStorage) sets the bearer token for every request of the page (HTTP,
 *   introspection and the graphql-ws connection_init); an Authorization in a
 *   tab's Headers editor overrides it for that tab. GraphiQL does not persist
 *   headers.
 * - The example operations of examples/operations are the preset tabs, in
 *   groups by who uses them (a menu in the bar), their sample ids from the
 *   deterministic demo data where the demo data has them.
 * - "File for Upload" picks a file sent for the Upload variables of the
 *   operation being run (a GraphQL multipart request), e.g. SubmitDocument.
 * - "Document image" shows an analyst the image of a document analysis token
 *   (GET /documents/{token}/image with the active identity: analysts only,
 *   audited), as a data: URL (the CSP's img-src allows 'self' and data: only).
 */

export interface IdeOptions {
  /** The GraphQL endpoint (HTTP and graphql-ws), default /graphql. */
  endpoint?: string;
  /** Where the IDE also lives, default /ide; assets under `${path}/assets/`. */
  path?: string;
  /** Directory of example operations (*.graphql), default examples/operations of the project. */
  examplesDir?: string;
  /** Page title. */
  title?: string;
}

/**
 * A CPF that is not in the demo data (and passes the check digits), for the
 * onboarding journey's presets: a journey starts from a person who is not a
 * customer yet. After one journey it is registered: use another valid CPF.
 */
export const JOURNEY_CPF = '52998224725';

type GroupId = 'analysts' | 'journey' | 'consents' | 'reviews';

interface Example {
  group: GroupId;
  /** Which token runs it (npm run token -- …), said in the tab's header comment. */
  token: string;
  /** Where the sample ids come from, when they are not in the demo data: said in the tab too. */
  note?: string;
  variables: Record<string, unknown>;
}

const FRESH_CPF = `${JOURNEY_CPF} is not in the demo data: a fresh journey (after one journey, use another valid CPF).`;
const FOUR_EYES =
  'Manual review, four eyes: ClaimManualReview and DecideManualReview as one analyst, then click a second saved analyst ' +
  'identity in the bar and run ConfirmManualReview (two clicks). The registration must be REPROVED and a review requested (RequestManualReview). ' +
  'Document images of the review: GET /documents/{token}/image with an analyst token (audited).';

/** A consent's expiry for the CreateConsent preset: half a year from start-up (the gateway takes at most 12 months ahead). */
function consentExpiry(): string {
  const date = new Date(Date.now() + 183 * 24 * 3600 * 1000);
  return `${date.toISOString().slice(0, 10)}T23:59:59Z`;
}

/** Sample variables and the token to try each example with; ids from the deterministic demo set (src/modules/demo/demo-data.ts). */
const EXAMPLES: Record<string, Example> = {
  PersonalCustomersPage: {
    group: 'analysts',
    token: 'analyst (npm run token -- analyst)',
    variables: { first: 10, after: null, filter: { state: 'SP', productServiceType: 'CONTA_DEPOSITO_A_VISTA' } },
  },
  PersonalCustomer: {
    group: 'analysts',
    token: `analyst, or the customer's consent (npm run token -- personal ${DEMO_FIRST_CPF})`,
    note: `${DEMO_FIRST_CPF} is the demo data's first natural person.`,
    variables: { cpfNumber: DEMO_FIRST_CPF },
  },
  BusinessCustomer: {
    group: 'analysts',
    token: `analyst, or the company's consent (npm run token -- business ${DEMO_FIRST_CNPJ})`,
    note: `${DEMO_FIRST_CNPJ} is the demo data's first legal person.`,
    variables: { cnpjNumber: DEMO_FIRST_CNPJ },
  },
  SubmitDocument: {
    group: 'journey',
    token: 'partner (npm run token -- partner) or analyst; choose the image with "File for Upload" above first (JPEG or PNG): selfie, then ID front and back',
    note: FRESH_CPF,
    variables: { documentNumber: JOURNEY_CPF, documentType: 'SELFIE', documentSide: 'FRONT' },
  },
  FollowDocumentAnalysis: {
    group: 'journey',
    token: 'partner or analyst; runs over graphql-ws',
    note: 'Needs a fresh id: the token SubmitDocument answered.',
    variables: { documentNumber: JOURNEY_CPF, token: '<the 32-hex token from SubmitDocument>' },
  },
  DocumentAnalysis: {
    group: 'journey',
    token: 'partner or analyst',
    note: 'Needs a fresh id: the token SubmitDocument answered.',
    variables: { documentNumber: JOURNEY_CPF, token: '<the 32-hex token from SubmitDocument>' },
  },
  RegisterCustomer: {
    group: 'journey',
    token: 'partner (npm run token -- partner) or analyst',
    note: `Needs fresh ids: the three documentation tokens SubmitDocument answered (selfie, ID front, ID back). ${FRESH_CPF}`,
    variables: {
      documentNumber: JOURNEY_CPF,
      input: {
        registerName: 'Nísia Floresta',
        socialName: 'Nísia Floresta',
        birthDate: '1990-10-12',
        phone: { countryCode: '55', number: '93991234567' },
        address: {
          zipCode: '68060100',
          addressLine: 'Rua 6 de Março',
          buildingNumber: '2500',
          complement: '',
          neighborhood: 'Alter do Chão',
          city: 'Santarem',
          state: 'PA',
          country: 'BR',
        },
        assertedIncome: { value: '5000.00', currency: 'BRL' },
        occupation: 'OCP0082',
        pep: { level: 'NONE' },
        motherName: 'Dionísia Gonçalves Pinto',
        email: 'nisia.floresta@example.com.br',
        documentation: {
          selfie: '<the selfie token from SubmitDocument>',
          idCardFront: '<the ID front token from SubmitDocument>',
          idCardBack: '<the ID back token from SubmitDocument>',
        },
      },
    },
  },
  CustomerRegistration: {
    group: 'journey',
    token: 'partner (npm run token -- partner) or analyst',
    note: `The CPF registered by RegisterCustomer (${JOURNEY_CPF} in these presets).`,
    variables: { documentNumber: JOURNEY_CPF },
  },
  CustomerEvaluation: {
    group: 'journey',
    token: 'partner or analyst; runs over graphql-ws (register first, then run this)',
    variables: { documentNumber: JOURNEY_CPF },
  },
  ResumeCustomerEvaluation: {
    group: 'journey',
    token: 'partner or analyst; runs over graphql-ws: pass the last sequence you received (0 replays the whole history)',
    variables: { documentNumber: JOURNEY_CPF, afterSequence: 2 },
  },
  UpdateCustomer: {
    group: 'journey',
    token: 'partner with scope customer.update (npm run token -- partner) or analyst; the customer must be APPROVED',
    variables: { documentNumber: JOURNEY_CPF, input: { email: 'nisia.nova@example.com.br', phone: { countryCode: '55', number: '93991234568' } } },
  },
  CancelCustomer: {
    group: 'journey',
    token: 'partner with scope customer.update (npm run token -- partner) or analyst; the customer must be APPROVED',
    variables: { documentNumber: JOURNEY_CPF, reason: 'HOLDER_REQUEST' },
  },
  CreateConsent: {
    group: 'consents',
    token: "the bank's consent service (scope consents:manage) or analyst",
    note: `${DEMO_FIRST_CPF} is the demo data's first natural person.`,
    variables: {
      input: {
        cpf: DEMO_FIRST_CPF,
        receiver: 'receiver-app',
        expirationDateTime: consentExpiry(),
        permissions: ['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ', 'CUSTOMERS_PERSONAL_ADITTIONALINFO_READ', 'RESOURCES_READ'],
      },
    },
  },
  AuthoriseConsent: {
    group: 'consents',
    token: "the bank's consent service (scope consents:manage) or analyst",
    note: 'Needs a fresh id: the consentId CreateConsent answered.',
    variables: { consentId: '<the consentId CreateConsent answered>' },
  },
  RevokeConsent: {
    group: 'consents',
    token: "the bank's consent service (scope consents:manage) or analyst",
    note: 'Needs a fresh id: the consentId CreateConsent answered.',
    variables: { consentId: '<the consentId CreateConsent answered>', reason: 'CUSTOMER_MANUALLY_REVOKED' },
  },
  Consents: {
    group: 'consents',
    token: 'analyst or the consent service',
    variables: { filter: { status: 'AUTHORISED' }, first: 10, after: null },
  },
  MyDataAccesses: {
    group: 'consents',
    token: `the customer's own token (npm run token -- personal ${DEMO_FIRST_CPF})`,
    variables: { first: 10, after: null },
  },
  RequestManualReview: {
    group: 'reviews',
    token: 'partner with scope customer.write (npm run token -- partner) or analyst; the registration must be REPROVED',
    note: `${FOUR_EYES} The CPF of a REPROVED registration (${JOURNEY_CPF} in these presets).`,
    variables: { documentNumber: JOURNEY_CPF, reason: 'O cliente enviou um documento novo e pede a revisão da análise.' },
  },
  ManualReviews: {
    group: 'reviews',
    token: 'analyst (npm run token -- analyst)',
    note: FOUR_EYES,
    variables: { filter: { status: 'OPEN', overdue: null, assignedTo: null }, first: 10, after: null },
  },
  ClaimManualReview: {
    group: 'reviews',
    token: 'analyst (the first of the four eyes)',
    note: FOUR_EYES,
    variables: { documentNumber: JOURNEY_CPF },
  },
  DecideManualReview: {
    group: 'reviews',
    token: 'the analyst who claimed the review',
    note: FOUR_EYES,
    variables: { documentNumber: JOURNEY_CPF, decision: 'APPROVE', justification: 'Documento legível e dados conferem com a Receita.' },
  },
  ConfirmManualReview: {
    group: 'reviews',
    token: 'another analyst than the claimant (four eyes): click the second analyst identity in the bar, then run',
    note: FOUR_EYES,
    variables: { documentNumber: JOURNEY_CPF },
  },
};

/** The groups in the menu, in this order; each group's tabs in EXAMPLES' order (a workflow's order). */
const GROUPS: { id: GroupId; label: string; description: string }[] = [
  { id: 'analysts', label: 'Analysts', description: 'Analysts and frontends: customer pages and nested reads (analyst token).' },
  {
    id: 'journey',
    label: 'Partners · mobile journey',
    description: 'Partners and mobile apps: documents, registration, live evaluation, later changes (partner token).',
  },
  {
    id: 'consents',
    label: 'Consents · data receivers',
    description: "The bank's consent service and customers: consents and who read what (consent service, analyst or customer token).",
  },
  {
    id: 'reviews',
    label: 'Manual review (four eyes)',
    description: 'Analysts: the manual-review queue; a second saved analyst identity confirms an approval.',
  },
];

function findExamplesDir(): string | null {
  for (let dir = __dirname, i = 0; i < 8; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'examples', 'operations');
    if (existsSync(candidate)) return candidate;
  }
  const fromCwd = resolve('examples', 'operations');
  return existsSync(fromCwd) ? fromCwd : null;
}

/** The tab of one example: its text with the token (and where its ids come from) after its first comment line, and its sample variables. */
function exampleTab(name: string, text: string): IdeTab {
  const example = EXAMPLES[name];
  if (!example) return { query: `${text}\n`, variables: '', headers: '' };
  const comments = [`# Token: ${example.token}`, ...(example.note ? [`# ${example.note}`] : [])].join('\n');
  return {
    query: `${text.replace(/^(#[^\n]*\n)/, `$1${comments}\n`)}\n`,
    variables: JSON.stringify(example.variables, null, 2),
    headers: '',
  };
}

/** Reads the example operations once, as preset groups of GraphiQL tabs (operations not listed above go to an "Other" group). */
export function loadPresetGroups(dir: string | null = findExamplesDir()): IdePresetGroup[] {
  if (!dir || !existsSync(dir)) return [];
  const order = Object.keys(EXAMPLES);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const examples = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .map((file) => ({ name: basename(file, '.graphql'), text: readFileSync(join(dir, file), 'utf8').trim() }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
  const groups: IdePresetGroup[] = GROUPS.map((g) => ({
    ...g,
    tabs: examples.filter((e) => EXAMPLES[e.name]?.group === g.id).map((e) => exampleTab(e.name, e.text)),
  }));
  const others = examples.filter((e) => !EXAMPLES[e.name]).map((e) => exampleTab(e.name, e.text));
  if (others.length) groups.push({ id: 'other', label: 'Other', description: 'Example operations without presets.', tabs: others });
  return groups.filter((g) => g.tabs.length > 0);
}

/** The bundled browser code (scripts/build-ide.ts), beside this file: src/modules/ide/browser, or dist/src/modules/ide/browser where `npm run build` copies it. */
const BUNDLE = join(__dirname, 'browser', 'ide-app.bundle.js');

/** A file inside an installed package (through its package.json: graphql-ws and React do not export these paths). */
function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

type Asset = { file: string } | { body: string; type: string };

const PAGE_CSS = `html, body, #ide { height: 100%; margin: 0; }
.ide-app { display: flex; flex-direction: column; height: 100%; }
.ide-graphiql { flex: 1; min-height: 0; }
.ide-bar { display: flex; flex-direction: column; gap: 4px; padding: 6px 12px; font: 14px system-ui, sans-serif;
  background: hsl(219, 28%, 18%); color: #fff; }
.ide-row { display: flex; align-items: center; gap: 8px; min-width: 0; }
.ide-bar input, .ide-bar select { padding: 4px 6px; font: 13px ui-monospace, monospace; border-radius: 4px; border: 1px solid #999; }
.ide-bar select { font-family: system-ui, sans-serif; }
#ide-token-input { flex: 0 1 28em; min-width: 10em; }
.ide-name { flex: 0 1 12em; min-width: 6em; }
.ide-bar button { padding: 4px 10px; border-radius: 4px; border: 1px solid #999; background: #eee; cursor: pointer; font: inherit; }
.ide-bar button:disabled { opacity: .5; cursor: default; }
.ide-label { margin-left: 12px; }
.ide-identities { display: flex; flex-wrap: wrap; gap: 4px; min-width: 0; }
.ide-identity[aria-pressed="true"] { background: hsl(145, 60%, 80%); border-color: hsl(145, 60%, 40%); font-weight: 600; }
.ide-none { opacity: .7; font-size: 13px; }
.ide-upload { display: flex; align-items: center; gap: 6px; font-size: 13px; }
.ide-upload input { max-width: 16em; }
.ide-image-token { flex: 0 1 20em; min-width: 8em; }
.ide-image-viewer { position: fixed; z-index: 100; right: 16px; top: 90px; max-width: 45vw; max-height: 80vh; overflow: auto; padding: 8px;
  background: #fff; color: #000; border: 1px solid #999; border-radius: 6px; box-shadow: 0 4px 16px rgba(0,0,0,.3); font: 13px system-ui, sans-serif; }
.ide-image-viewer img { display: block; max-width: 100%; margin-top: 6px; }
.ide-token-status { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; opacity: .85; font-size: 13px; }
.graphiql-container .graphiql-logo { white-space: nowrap; }
.ide-loading { font: 16px system-ui, sans-serif; padding: 2em; }
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside <script type="application/json">: no "</script>" or "<!--" can end or confuse the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Browsers navigating to the endpoint ask for text/html first; API clients (and Accept: *\/*) go to Apollo. */
function wantsHtml(req: Request): boolean {
  if (req.query?.query !== undefined) return false; // a GET operation: Apollo's
  return req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html';
}

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

function contentSecurityPolicy(req: Request): string {
  const host = req.get('host');
  const sockets = host && HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    // GraphiQL's dialogs (Radix, through react-remove-scroll) add <style> elements whose text varies with the
    // scrollbar width, so no hash fits; everything else styles through the CSSOM, which CSP does not restrict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The IDE page and its assets; mount before Apollo's /graphql middleware. */
export function ideRoutes(options: IdeOptions = {}): Router {
  const endpoint = options.endpoint ?? '/graphql';
  const path = (options.path ?? '/ide').replace(/\/$/, '');
  const assetsPath = `${path}/assets`;
  const title = options.title ?? 'Customers gateway';
  const groups = loadPresetGroups(options.examplesDir);
  if (!existsSync(BUNDLE)) throw new Error(`IDE bundle not found at ${BUNDLE}: run npm run build:ide (or npm run build for dist/)`);
  const script = readFileSync(BUNDLE, 'utf8');
  const config: IdePageConfig = { endpoint, title, groups, documentImageUrl: DOCUMENT_IMAGE_PATH.replace(':token', '{token}') };

  const assets = new Map<string, Asset>([
    ['graphiql.min.js', { file: packageFile('graphiql', 'graphiql.min.js') }],
    ['graphiql.min.css', { file: packageFile('graphiql', 'graphiql.min.css') }],
    ['react.production.min.js', { file: packageFile('react', 'umd/react.production.min.js') }],
    ['react-dom.production.min.js', { file: packageFile('react-dom', 'umd/react-dom.production.min.js') }],
    ['graphql-ws.min.js', { file: packageFile('graphql-ws', 'umd/graphql-ws.min.js') }],
    ['ide.js', { body: script, type: 'text/javascript; charset=utf-8' }],
    ['ide.css', { body: PAGE_CSS, type: 'text/css; charset=utf-8' }],
  ]);
  for (const [name, asset] of assets) {
    if ('file' in asset && !existsSync(asset.file)) throw new Error(`IDE asset ${name} not found at ${asset.file}: is its package installed?`);
  }
  // Cache busting: the versions of what the page loads.
  const version = createHash('sha256')
    .update(['graphiql', 'react', 'react-dom', 'graphql-ws'].map((p) => readFileSync(packageFile(p, 'package.json'), 'utf8')).join())
    .update(script)
    .update(PAGE_CSS)
    .digest('hex')
    .slice(0, 12);
  const asset = (name: string) => `${assetsPath}/${name}?v=${version}`;

  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset('graphiql.min.css')}">
<link rel="stylesheet" href="${asset('ide.css')}">
<script id="ide-config" type="application/json">${scriptJson(config)}</script>
<script src="${asset('react.production.min.js')}" defer></script>
<script src="${asset('react-dom.production.min.js')}" defer></script>
<script src="${asset('graphql-ws.min.js')}" defer></script>
<script src="${asset('graphiql.min.js')}" defer></script>
<script src="${asset('ide.js')}" defer></script>
</head>
<body>
<div id="ide"><p class="ide-loading">Loading GraphiQL… <noscript>(it needs JavaScript)</noscript></p></div>
</body>
</html>
`;

  const sendPage = (req: Request, res: Response) => {
    res.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': contentSecurityPolicy(req),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      Vary: 'Accept',
    });
    res.send(page);
  };

  const router = express.Router();
  router.get(endpoint, (req, res, next) => (wantsHtml(req) ? sendPage(req, res) : next()));
  router.get([path, `${path}/`], sendPage);
  router.get(`${assetsPath}/:name`, (req, res) => {
    const found = assets.get(req.params.name);
    res.set('X-Content-Type-Options', 'nosniff');
    if (!found) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    // The URLs carry ?v=<hash of package versions and page code>, so a day of caching is safe; ETags revalidate.
    res.set('Cache-Control', 'public, max-age=86400');
    if ('file' in found) res.sendFile(found.file, { dotfiles: 'deny', cacheControl: false });
    else res.type(found.type).send(found.body);
  });
  return router;
}
