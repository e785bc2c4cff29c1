import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The boundary rule of eslint.config.mjs (eslint-plugin-boundaries, `boundaries/dependencies`) still fires:
 * each source below is linted as if it were the file named, through ESLint's API with the project's config.
 * `npm run lint` passing proves the sources keep the rule; these prove the rule still refuses what it must.
 */
const root = join(__dirname, '..');

const lines = (...imports: string[]) => `${imports.join('\n')}\nexport const used = [${imports.map((_, i) => `a${i}`).join(', ')}];\n`;

const REFUSED: [what: string, path: string, source: string][] = [
  ['the platform importing a module, even its index', 'src/platform/fixture.ts', lines("import { customersModule as a0 } from '../modules/customers';")],
  ['the platform importing the composition root', 'src/platform/fixture.ts', lines("import { MODULES as a0 } from '../app';")],
  [
    "a module importing another module's inner file",
    'src/modules/webhooks/fixture.ts',
    lines("import { OnboardingError as a0 } from '../onboarding/onboarding.errors';"),
  ],
  [
    "the composition root importing a module's inner file",
    'src/fixture.ts',
    lines("import { OnboardingError as a0 } from './modules/onboarding/onboarding.errors';"),
  ],
];
const ALLOWED: [path: string, source: string] = [
  'src/modules/webhooks/fixture.ts',
  lines(
    "import { WebhookError as a0 } from './webhooks.errors';",
    "import { GatewayError as a1 } from '../../platform/errors';",
    "import { customersModule as a2 } from '../customers';",
  ),
];

/** Lints each `{ path, source }` of stdin as if it were the file named; prints the rules that fired on each. */
const LINT_EACH = `
const { ESLint } = require('eslint');
let input = '';
process.stdin.on('data', (chunk) => (input += chunk)).on('end', async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const fired = [];
  for (const { path, source } of JSON.parse(input)) {
    const [report] = await eslint.lintText(source, { filePath: path });
    fired.push(report.messages.map((message) => message.ruleId ?? message.message));
  }
  process.stdout.write(JSON.stringify(fired));
});`;

/** The rules that fired on each source, linted as the file named, in one ESLint process (starting ESLint and loading the config is most of a run). */
async function firedRules(cases: { path: string; source: string }[]): Promise<string[][]> {
  const run = promisify(execFile)(process.execPath, ['-e', LINT_EACH], { cwd: root, encoding: 'utf8' });
  run.child.stdin!.end(JSON.stringify(cases));
  return JSON.parse((await run).stdout) as string[][];
}

let fired: Map<string, string[]>;
beforeAll(async () => {
  const cases = [...REFUSED.map(([, path, source]) => ({ path, source })), { path: ALLOWED[0], source: ALLOWED[1] }];
  const rules = await firedRules(cases);
  fired = new Map(cases.map(({ path, source }, index) => [`${path}\0${source}`, rules[index]]));
}, 60_000);

it.each(REFUSED)('refuses %s', (_what, path, source) => {
  expect(fired.get(`${path}\0${source}`)).toEqual(['boundaries/dependencies']);
});

it('allows a module its own files, the platform and other modules through their index', () => {
  const [path, source] = ALLOWED;
  expect(fired.get(`${path}\0${source}`)).toEqual([]);
});
