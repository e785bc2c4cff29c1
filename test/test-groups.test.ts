import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { entryCommand } from './support/process';

// test/support/groups.js is the suite's own plumbing (CommonJS, shared with jest.config.js).
const groups = require('./support/groups.js') as {
  DATABASE_INDEPENDENT: string[];
  filesOf(kind: 'database' | 'once'): string[];
  filesOfGroup(groupFile: string, project: string): string[] | undefined;
  groupFileNames(kind: 'database' | 'once'): string[];
};

/**
 * `npm test` runs the test files in groups (test/support/groups.js): every file must run in exactly one group of
 * each project, whatever the measured durations spread them by, or a test would silently stop running.
 */
describe('test groups', () => {
  const projects = { database: ['sqlite', 'mysql', 'a-project-without-durations'], once: ['once'] } as const;

  it.each(Object.entries(projects))('every %s test file runs in exactly one group of each project', (kind, names) => {
    const all = groups.filesOf(kind as 'database' | 'once');
    expect(all.length).toBeGreaterThan(kind === 'once' ? 5 : 40);
    for (const project of names) {
      const grouped = groups.groupFileNames(kind as 'database' | 'once').flatMap((file) => groups.filesOfGroup(file, project) ?? []);
      expect({ project, files: [...grouped].sort() }).toEqual({ project, files: all });
    }
  });

  it('every group file exists, and nothing else is in test/groups', () => {
    const names = [...groups.groupFileNames('database'), ...groups.groupFileNames('once')].map((file) => file.replace('test/groups/', ''));
    expect(readdirSync(join(__dirname, 'groups')).sort()).toEqual(names.sort());
  });

  it('the database-independent files exist (a renamed one would fall back to running per database)', () => {
    const files = readdirSync(__dirname);
    expect(groups.DATABASE_INDEPENDENT.filter((name) => !files.includes(`${name}.test.ts`))).toEqual([]);
  });
});

describe("the child processes' code cache (test/support/code-cache.js)", () => {
  it.each(['src/main.ts', 'src/worker.ts'])('the global setup recorded one for %s, and V8 takes every file of it', (entry) => {
    const { args, env } = entryCommand(entry);
    expect(args[0]).toBe('--require'); // a cache was recorded for this entry
    // The application's modules (src/app.ts) and their libraries, compiled with the cache: all used, none rejected.
    const app = args[2].replace(/(main|worker)\.js$/, 'app.js');
    const { stderr } = spawnSync(process.execPath, [args[0], args[1], '-e', `require(${JSON.stringify(app)})`], {
      env: { ...process.env, ...env, GATEWAY_CODE_CACHE_STATS: '1' },
      encoding: 'utf8',
    });
    const stats = JSON.parse(/code cache: (.*)/.exec(stderr)?.[1] ?? 'null');
    expect(stats).toEqual({ used: expect.any(Number), rejected: 0 });
    expect(stats.used).toBeGreaterThan(1000);
  });
});
