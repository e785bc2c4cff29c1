import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('codegen', () => {
  it('examples/generated is current with schema/schema.graphql and examples/operations (run `npm run codegen`)', () => {
    const root = join(__dirname, '..');
    const result = spawnSync(process.execPath, [join(root, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js'), '--config', 'codegen.yml', '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect({ status: result.status, output: result.status === 0 ? '' : `${result.stdout}${result.stderr}` }).toEqual({ status: 0, output: '' });
  });
});
