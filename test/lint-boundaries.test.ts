import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The boundary rule of eslint.config.mjs (eslint-plugin-boundaries, `boundaries/dependencies`) still fires:
 * each source below is linted as if it were the file named, through ESLint's CLI with the project's config.
 * `npm run lint` passing proves the sources keep the rule; these prove the rule still refuses what it must.
 */
const root = join(__dirname, '..');
const eslint = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** The rules that fired on `source` linted as the file `path` (relative to the project root). */
async function firedRules(path: string, source: string): Promise<string[]> {
  const run = promisify(execFile)(process.execPath, [eslint, '--format', 'json', '--stdin', '--stdin-filename', path], { cwd: root, encoding: 'utf8' });
  run.child.stdin!.end(source);
  // ESLint exits 1 when a rule fires: its JSON report is on stdout either way.
  const { stdout } = await run.catch((error: { stdout: string }) => ({ stdout: error.stdout }));
  const [report] = JSON.parse(stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return report.messages.map((message) => message.ruleId ?? message.message);
}

const lines = (...imports: string[]) => `${imports.join('\n')}\nexport const used = [${imports.map((_, i) => `a${i}`).join(', ')}];\n`;

it.each([
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
])(
  'refuses %s',
  async (_what, path, source) => {
    expect(await firedRules(path, source)).toEqual(['boundaries/dependencies']);
  },
  60_000,
);

it('allows a module its own files, the platform and other modules through their index', async () => {
  const source = lines(
    "import { WebhookError as a0 } from './webhooks.errors';",
    "import { GatewayError as a1 } from '../../platform/errors';",
    "import { customersModule as a2 } from '../customers';",
  );
  expect(await firedRules('src/modules/webhooks/fixture.ts', source)).toEqual([]);
}, 60_000);
