import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Jest and the test build only transpile (SWC, test/support/swc.js): the type check of sources and tests happens here, once per `npm test`
 * (jest.config.js's `once` project). test/tsconfig.typecheck.json covers src, scripts, migrations, examples and the
 * tests; tsconfig.json's own check (src, scripts, migrations without jest's types) is `npm run build`, which
 * test/production-build.test.ts runs and which fails on any type error: not run a third time here.
 */
it('sources, scripts, migrations and tests type-check (npm run typecheck)', () => {
  const root = join(__dirname, '..');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const project of ['test/tsconfig.typecheck.json', 'src/modules/ide/browser/tsconfig.json']) {
    // Incremental: a second run on the same checkout re-checks only what changed (the state lives in node_modules/.cache).
    const state = join(root, 'node_modules', '.cache', 'typecheck', `${project.replace(/\W/g, '_')}.tsbuildinfo`);
    const result = spawnSync(process.execPath, [tsc, '--noEmit', '--incremental', '--tsBuildInfoFile', state, '-p', project], { cwd: root, encoding: 'utf8' });
    expect({ project, status: result.status, output: result.stdout }).toEqual({ project, status: 0, output: '' });
  }
}, 120_000);
