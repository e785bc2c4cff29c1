import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import express, { Request, Response, Router } from 'express';

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
 * - A token bar sets the bearer token for every request of the page (HTTP,
 *   introspection and the graphql-ws connection_init); an Authorization in a
 *   tab's Headers editor overrides it for that tab. The token lives in
 *   sessionStorage only; GraphiQL does not persist headers.
 * - The example operations of examples/operations are the preset tabs.
 * - "File for Upload" picks a file sent for the Upload variables of the
 *   operation being run (a GraphQL multipart request), e.g. SubmitDocument.
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

export interface IdeTab {
  query: string;
  variables: string;
  headers: string;
}

/** Sample variables and the token to try each known example with (values pass validation; data depends on the database). */
const EXAMPLES: Record<string, { token: string; variables: Record<string, unknown> }> = {
  PersonalCustomersPage: {
    token: 'analyst (npm run token -- analyst)',
    variables: { first: 10, after: null, filter: { state: 'SP', productServiceType: 'CONTA_DEPOSITO_A_VISTA' } },
  },
  PersonalCustomer: {
    token: 'analyst, or the customer\'s consent (npm run token -- personal <CPF>)',
    variables: { cpfNumber: '52998224725' },
  },
  BusinessCustomer: {
    token: 'analyst, or the company\'s consent (npm run token -- business <CNPJ>)',
    variables: { cnpjNumber: '33445566000186' },
  },
  SubmitDocument: {
    token: 'partner (npm run token -- partner) or analyst; choose the image with "File for Upload" above first (JPEG or PNG): selfie, then ID front and back',
    variables: { documentNumber: '52998224725', documentType: 'SELFIE', documentSide: 'FRONT' },
  },
  FollowDocumentAnalysis: {
    token: 'partner or analyst; runs over graphql-ws: the token SubmitDocument answered',
    variables: { documentNumber: '52998224725', token: '<the 32-hex token from SubmitDocument>' },
  },
  DocumentAnalysis: {
    token: 'partner or analyst',
    variables: { documentNumber: '52998224725', token: '<the 32-hex token from SubmitDocument>' },
  },
  RegisterCustomer: {
    token: 'partner (npm run token -- partner) or analyst',
    variables: {
      documentNumber: '52998224725',
      input: {
        registerName: 'Nísia Floresta',
        socialName: 'Nísia Floresta',
        birthDate: '1990-10-12',
        phone: { countryCode: '55', number: '93991234567' },
        address: {
          zipCode: '68060100', addressLine: 'Rua 6 de Março', buildingNumber: '2500', complement: '',
          neighborhood: 'Alter do Chão', city: 'Santarem', state: 'PA', country: 'BR',
        },
        assertedIncome: { value: '5000.00', currency: 'BRL' },
        occupation: 'OCP0082',
        pep: { level: 'NONE' },
        motherName: 'Dionísia Gonçalves Pinto',
        email: 'nisia.floresta@example.com.br',
        documentation: {
          selfie: 'ce1849509a3f4625867ead5768d5b068',
          idCardFront: '9c1974193d96446e84833742aed1db62',
          idCardBack: '71bb6d35ee7644fe8ef2b8e81eb19f98',
        },
      },
    },
  },
  CustomerRegistration: {
    token: 'partner (npm run token -- partner) or analyst',
    variables: { documentNumber: '52998224725' },
  },
  CustomerEvaluation: {
    token: 'partner or analyst; runs over graphql-ws (register first, then run this)',
    variables: { documentNumber: '52998224725' },
  },
  ResumeCustomerEvaluation: {
    token: 'partner or analyst; runs over graphql-ws: pass the last sequence you received (0 replays the whole history)',
    variables: { documentNumber: '52998224725', afterSequence: 2 },
  },
  UpdateCustomer: {
    token: 'partner with scope customer.update (npm run token -- partner) or analyst; the customer must be APPROVED',
    variables: { documentNumber: '52998224725', input: { email: 'nisia.nova@example.com.br', phone: { countryCode: '55', number: '93991234568' } } },
  },
  CancelCustomer: {
    token: 'partner with scope customer.update (npm run token -- partner) or analyst; the customer must be APPROVED',
    variables: { documentNumber: '52998224725', reason: 'HOLDER_REQUEST' },
  },
  CreateConsent: {
    token: 'the bank\'s consent service (scope consents:manage) or analyst',
    variables: {
      input: {
        cpf: '52998224725', receiver: 'receiver-app', expirationDateTime: '2027-12-31T23:59:59Z',
        permissions: ['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ', 'CUSTOMERS_PERSONAL_ADITTIONALINFO_READ', 'RESOURCES_READ'],
      },
    },
  },
  AuthoriseConsent: {
    token: 'the bank\'s consent service (scope consents:manage) or analyst',
    variables: { consentId: '<the consentId CreateConsent answered>' },
  },
  RevokeConsent: {
    token: 'the bank\'s consent service (scope consents:manage) or analyst',
    variables: { consentId: '<the consentId>', reason: 'CUSTOMER_MANUALLY_REVOKED' },
  },
  Consents: {
    token: 'analyst or the consent service',
    variables: { filter: { status: 'AUTHORISED' }, first: 10, after: null },
  },
  MyDataAccesses: {
    token: 'the customer\'s own token (npm run token -- personal <CPF>)',
    variables: { first: 10, after: null },
  },
  RequestManualReview: {
    token: 'partner with scope customer.write (npm run token -- partner) or analyst; the registration must be REPROVED',
    variables: { documentNumber: '52998224725', reason: 'O cliente enviou um documento novo e pede a revisão da análise.' },
  },
  ManualReviews: {
    token: 'analyst (npm run token -- analyst)',
    variables: { filter: { status: 'OPEN', overdue: null, assignedTo: null }, first: 10, after: null },
  },
  ClaimManualReview: {
    token: 'analyst',
    variables: { documentNumber: '52998224725' },
  },
  DecideManualReview: {
    token: 'analyst who claimed the review',
    variables: { documentNumber: '52998224725', decision: 'APPROVE', justification: 'Documento legível e dados conferem com a Receita.' },
  },
  ConfirmManualReview: {
    token: 'another analyst than the claimant (four eyes)',
    variables: { documentNumber: '52998224725' },
  },
};

/** Preset tab order: analysts' list, frontends' nested reads, then the onboarding journey in its order (documents, registration, evaluation, later changes), consents, then the analysts' manual-review queue in its workflow order. */
const TAB_ORDER = Object.keys(EXAMPLES);

function findExamplesDir(): string | null {
  for (let dir = __dirname, i = 0; i < 5; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'examples', 'operations');
    if (existsSync(candidate)) return candidate;
  }
  const fromCwd = resolve('examples', 'operations');
  return existsSync(fromCwd) ? fromCwd : null;
}

/** Reads the example operations once, as GraphiQL tabs (query, sample variables, empty headers). */
export function loadExampleTabs(dir: string | null = findExamplesDir()): IdeTab[] {
  if (!dir || !existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));
  const rank = (name: string) => (TAB_ORDER.includes(name) ? TAB_ORDER.indexOf(name) : TAB_ORDER.length);
  return files
    .map((file) => ({ name: basename(file, '.graphql'), text: readFileSync(join(dir, file), 'utf8').trim() }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name))
    .map(({ name, text }) => {
      const example = EXAMPLES[name];
      return {
        query: example ? `${text.replace(/^(#[^\n]*\n)/, `$1# Token: ${example.token}\n`)}\n` : `${text}\n`,
        variables: example ? JSON.stringify(example.variables, null, 2) : '',
        headers: '',
      };
    });
}

/** A file inside an installed package (through its package.json: graphql-ws and React do not export these paths). */
function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

type Asset = { file: string } | { body: string; type: string };

function pageScript(): string {
  return String.raw`(function () {
  'use strict';
  var h = React.createElement;
  var config = JSON.parse(document.getElementById('ide-config').textContent);
  var endpoint = new URL(config.endpoint, location.href);
  var socketUrl = new URL(endpoint.href);
  socketUrl.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';
  var TOKEN_KEY = 'customers-gateway-ide:token';

  function storedToken() {
    try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { return ''; }
  }
  function storeToken(token) {
    try { token ? sessionStorage.setItem(TOKEN_KEY, token) : sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* private mode */ }
  }

  /** What a token says about its holder (decoded for display only; the gateway verifies it). */
  function describeToken(token) {
    if (!token) return 'No token yet: every field needs one, and the schema (docs, autocompletion) is for analyst tokens. Paste one (npm run token -- analyst | partner | personal <CPF>).';
    var parts = token.split('.');
    if (parts.length !== 3) return 'This does not look like a JWT (three dot-separated parts).';
    try {
      var json = decodeURIComponent(Array.prototype.map.call(atob(parts[1].replace(/-/g, '+').replace(/_/g, '/')), function (c) {
        return '%' + ('00' + c.charCodeAt(0).toString(16)).slice(-2);
      }).join(''));
      var claims = JSON.parse(json);
      var who = [];
      if (claims.sub) who.push('sub ' + claims.sub);
      if (claims.roles && claims.roles.length) who.push('roles ' + claims.roles.join(','));
      if (claims.cpf) who.push('consent of CPF ' + claims.cpf);
      if (claims.cnpj) who.push('consent of CNPJ ' + claims.cnpj);
      if (claims.scope) who.push('scope ' + claims.scope);
      if (claims.exp) {
        var expires = new Date(claims.exp * 1000);
        who.push((expires < new Date() ? 'EXPIRED ' : 'expires ') + expires.toLocaleString());
      }
      return who.join(' · ');
    } catch (e) {
      return 'This does not look like a JWT (unreadable payload).';
    }
  }

  function headerValue(headers, name) {
    for (var key in headers) if (key.toLowerCase() === name) return headers[key];
    return undefined;
  }

  function isSubscription(params, opts) {
    var document = opts && opts.documentAST;
    if (!document) {
      try { document = GraphiQL.GraphQL.parse(params.query); } catch (e) { return false; }
    }
    var operation = GraphiQL.GraphQL.getOperationAST(document, params.operationName || undefined);
    return !!operation && operation.operation === 'subscription';
  }

  /** One graphql-ws client per Authorization value; connection_init carries { authorization }. */
  var socket = null;
  function socketClient(authorization) {
    if (socket && socket.authorization === authorization) return socket.client;
    if (socket) socket.client.dispose();
    var client = graphqlWs.createClient({
      url: socketUrl.href,
      connectionParams: authorization ? { authorization: authorization } : {},
      lazy: true,
      retryAttempts: 0,
    });
    socket = { authorization: authorization, client: client };
    return client;
  }
  function forgetSocket(client) {
    if (socket && socket.client === client) { socket = null; client.dispose(); }
  }

  function socketError(error) {
    if (error && typeof error.code === 'number' && 'reason' in error) {
      var hint = error.code === 4403 ? ' (the token is missing or not valid: set one in the token bar or the Headers editor)'
        : error.code === 4401 ? ' (the token expired)' : '';
      return new Error('The subscription socket closed: ' + error.code + (error.reason ? ' ' + error.reason : '') + hint);
    }
    if (Array.isArray(error)) return new Error(error.map(function (e) { return e.message; }).join('\n'));
    return error instanceof Error ? error : new Error(String(error));
  }

  /** A subscription over graphql-ws as the async iterator GraphiQL consumes; GraphiQL's Stop calls return(). */
  function subscribe(params, authorization) {
    var client = socketClient(authorization);
    var queue = [];
    var waiting = [];
    var finished = false;
    var failure = null;
    function settle() {
      while (waiting.length && (queue.length || finished)) {
        var w = waiting.shift();
        if (queue.length) w.resolve({ value: queue.shift(), done: false });
        else if (failure) { w.reject(failure); failure = null; }
        else w.resolve({ value: undefined, done: true });
      }
    }
    var dispose = client.subscribe(
      { query: params.query, variables: params.variables || undefined, operationName: params.operationName || undefined },
      {
        next: function (value) { queue.push(value); settle(); },
        error: function (error) { failure = socketError(error); finished = true; forgetSocket(client); settle(); },
        complete: function () { finished = true; settle(); },
      }
    );
    var iterator = {
      next: function () {
        if (queue.length) return Promise.resolve({ value: queue.shift(), done: false });
        if (finished && failure) { var f = failure; failure = null; return Promise.reject(f); }
        if (finished) return Promise.resolve({ value: undefined, done: true });
        return new Promise(function (resolve, reject) { waiting.push({ resolve: resolve, reject: reject }); });
      },
      return: function () {
        if (!finished) { finished = true; dispose(); }
        queue.length = 0;
        settle();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
    iterator[Symbol.asyncIterator] = function () { return iterator; };
    return iterator;
  }

  var httpFetcher = GraphiQL.createFetcher({ url: endpoint.href, enableIncrementalDelivery: false });

  /** The file chosen in the token bar, sent for the operation's Upload variables. */
  var chosenFile = null;

  /** Names of the operation's variables of type Upload (e.g. submitDocument's image). */
  function uploadVariables(params, opts) {
    var document = opts && opts.documentAST;
    if (!document) {
      try { document = GraphiQL.GraphQL.parse(params.query); } catch (e) { return []; }
    }
    var operation = GraphiQL.GraphQL.getOperationAST(document, params.operationName || undefined);
    if (!operation) return [];
    return (operation.variableDefinitions || []).filter(function (definition) {
      var type = definition.type;
      while (type.type) type = type.type;
      return type.name.value === 'Upload';
    }).map(function (definition) { return definition.variable.name.value; });
  }

  /**
   * The GraphQL multipart request (what Apollo's upload clients send): the
   * chosen file stands for every Upload variable. The preflight header is what
   * the gateway's CSRF prevention asks of multipart requests.
   */
  function uploadFetch(params, names, headers) {
    if (!chosenFile) {
      return Promise.resolve({ errors: [{ message: 'This operation uploads a file: choose one with "File for Upload" in the bar above, then run it again.' }] });
    }
    var variables = Object.assign({}, params.variables);
    names.forEach(function (name) { variables[name] = null; });
    var form = new FormData();
    form.append('operations', JSON.stringify({ query: params.query, variables: variables, operationName: params.operationName || undefined }));
    form.append('map', JSON.stringify({ 0: names.map(function (name) { return 'variables.' + name; }) }));
    form.append('0', chosenFile, chosenFile.name);
    return fetch(endpoint.href, {
      method: 'POST',
      headers: Object.assign({}, headers, { 'Apollo-Require-Preflight': 'true' }),
      body: form,
    }).then(function (response) { return response.json(); });
  }

  /** The token bar's token unless the tab's Headers editor sets its own Authorization. */
  function createFetcher(token) {
    return function fetcher(params, opts) {
      var headers = Object.assign({}, opts && opts.headers);
      if (token && headerValue(headers, 'authorization') === undefined) headers.Authorization = 'Bearer ' + token;
      if (isSubscription(params, opts)) return subscribe(params, headerValue(headers, 'authorization'));
      var uploads = uploadVariables(params, opts);
      if (uploads.length) return uploadFetch(params, uploads, headers);
      return httpFetcher(params, Object.assign({}, opts, { headers: headers }));
    };
  }

  function TokenBar(props) {
    var draftState = React.useState(props.token);
    var draft = draftState[0];
    var setDraft = draftState[1];
    function apply(event) {
      event.preventDefault();
      props.onChange(draft.trim().replace(/^Bearer\s+/i, ''));
    }
    function forget() {
      setDraft('');
      props.onChange('');
    }
    return h('form', { className: 'ide-tokenbar', onSubmit: apply, autoComplete: 'off' },
      h('label', { htmlFor: 'ide-token-input' }, 'Bearer token'),
      h('input', {
        id: 'ide-token-input', type: 'password', value: draft, spellCheck: false, autoComplete: 'off',
        placeholder: 'paste a JWT (npm run token -- analyst | partner | personal <CPF>)',
        onChange: function (e) { setDraft(e.target.value); },
      }),
      h('button', { type: 'submit', id: 'ide-token-apply' }, 'Use token'),
      h('button', { type: 'button', id: 'ide-token-forget', onClick: forget }, 'Forget'),
      h('label', { htmlFor: 'ide-upload-file', className: 'ide-upload', title: 'Sent for the Upload variables of the operation you run (e.g. SubmitDocument\'s image), as a multipart request.' },
        'File for Upload',
        h('input', { id: 'ide-upload-file', type: 'file', accept: 'image/jpeg,image/png',
          onChange: function (e) { chosenFile = e.target.files && e.target.files[0] || null; } })),
      h('span', { id: 'ide-token-status', className: 'ide-token-status', title: 'Sent as Authorization on every request and in the graphql-ws connection_init; a tab\'s Headers editor can override it.' },
        describeToken(props.token))
    );
  }

  function App() {
    var tokenState = React.useState(storedToken);
    var token = tokenState[0];
    var setToken = tokenState[1];
    // A new fetcher makes GraphiQL introspect again, with the new token.
    var fetcher = React.useMemo(function () { return createFetcher(token); }, [token]);
    function changeToken(next) {
      storeToken(next);
      setToken(next);
    }
    return h('div', { className: 'ide-app' },
      h(TokenBar, { token: token, onChange: changeToken }),
      h('div', { className: 'ide-graphiql' },
        h(GraphiQL, {
          fetcher: fetcher,
          defaultTabs: config.tabs.length ? config.tabs : undefined,
          defaultEditorToolsVisibility: true,
          isHeadersEditorEnabled: true,
          shouldPersistHeaders: false,
          showPersistHeadersSettings: false,
        }, h(GraphiQL.Logo, null, config.title))
      )
    );
  }

  ReactDOM.createRoot(document.getElementById('ide')).render(h(App));
})();
`;
}

const PAGE_CSS = `html, body, #ide { height: 100%; margin: 0; }
.ide-app { display: flex; flex-direction: column; height: 100%; }
.ide-graphiql { flex: 1; min-height: 0; }
.ide-tokenbar { display: flex; align-items: center; gap: 8px; padding: 6px 12px; font: 14px system-ui, sans-serif;
  background: hsl(219, 28%, 18%); color: #fff; }
.ide-tokenbar input { flex: 0 1 32em; min-width: 10em; padding: 4px 6px; font: 13px ui-monospace, monospace; border-radius: 4px; border: 1px solid #999; }
.ide-tokenbar button { padding: 4px 10px; border-radius: 4px; border: 1px solid #999; background: #eee; cursor: pointer; font: inherit; }
.ide-upload { display: flex; align-items: center; gap: 6px; font-size: 13px; }
.ide-upload input { max-width: 16em; }
.ide-token-status { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; opacity: .85; font-size: 13px; }
.graphiql-container .graphiql-logo { white-space: nowrap; }
.ide-loading { font: 16px system-ui, sans-serif; padding: 2em; }
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside <script type="application/json">: no "</script>" or "<!--" can end or confuse the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
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
  const tabs = loadExampleTabs(options.examplesDir);
  const script = pageScript();

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
    .update(script).update(PAGE_CSS)
    .digest('hex').slice(0, 12);
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
<script id="ide-config" type="application/json">${scriptJson({ endpoint, title, tabs })}</script>
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
