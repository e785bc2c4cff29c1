import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** ts-jest only transpiles (isolatedModules): the type check of sources and tests happens here, once per `npm test`. */
const onFirstDatabase = (process.env.TEST_DATABASE ?? 'sqlite') === 'sqlite';

(onFirstDatabase ? it : it.skip)('sources, scripts, migrations and tests type-check (npm run typecheck)', () => {
  const root = join(__dirname, '..');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const project of ['tsconfig.json', 'test/tsconfig.typecheck.json', 'src/ide/browser/tsconfig.json']) {
    const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: root, encoding: 'utf8' });
    expect({ project, status: result.status, output: result.stdout }).toEqual({ project, status: 0, output: '' });
  }
}, 120_000);
