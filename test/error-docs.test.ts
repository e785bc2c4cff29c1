/**
 * The README's error tables are rendered from the modules' declarations (src/platform/error-codes.ts,
 * `npm run docs:errors`): a code added, renamed or re-described in a module without regenerating fails here,
 * and so does a code written as a string anywhere in src/ instead of its table's typed constant.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES } from '../src/app';
import { errorTablesOf } from '../src/platform/composition';
import { PLATFORM_ERROR_TABLES } from '../src/platform/platform-errors';
import { codesOfTables, errorTableMarkers, renderErrorTables } from '../src/platform/error-codes';
import { documentationFiles } from '../scripts/error-docs';

const root = join(__dirname, '..');
const documents = documentationFiles(root).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
const tables = errorTablesOf(MODULES);

/** The .ts files under a folder, specs aside. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('the error tables of README.md and docs/', () => {
  it.each(documents.map(({ file }) => [file.slice(root.length + 1)]))('%s: what npm run docs:errors writes from the declarations', (name) => {
    const { text } = documents.find(({ file }) => file.endsWith(name))!;
    expect(text).toBe(renderErrorTables(text, tables));
  });

  it("show every declared table, the platform's included, once", () => {
    expect(documents.flatMap(({ text }) => errorTableMarkers(text)).sort()).toEqual(Object.keys(tables).sort());
    expect(Object.keys(tables)).toContain('platform');
  });

  // The owner of each typed-constant family: `PlatformError.X` is the platform's, `OnboardingError.X` onboarding's…
  const owners: Record<string, { folder: string; declared: Set<string> }> = {
    PlatformError: { folder: join('src', 'platform'), declared: new Set(codesOfTables(PLATFORM_ERROR_TABLES)) },
  };
  for (const module of MODULES) {
    const file = join(root, 'src', 'modules', module.name, `${module.name}.errors.ts`);
    const constants = existsSync(file) && readFileSync(file, 'utf8').match(/export const (\w+Error) = codesOf/);
    if (constants) owners[constants[1]] = { folder: join('src', 'modules', module.name), declared: new Set(codesOfTables(module.errorCodes ?? {})) };
  }
  const everyDeclared = new Set(Object.values(tables).flatMap((catalog) => Object.keys(catalog)));

  it('every module that declares codes does so in its own `<module>.errors.ts`, with typed constants', () => {
    const declaring = MODULES.filter((module) => Object.keys(module.errorCodes ?? {}).length).map((module) => module.name);
    expect(
      Object.values(owners)
        .map(({ folder }) => folder.split(/[\\/]/).pop())
        .sort(),
    ).toEqual(['platform', ...declaring].sort());
  });

  it.each(sources(join(root, 'src')).map((file) => [file.slice(root.length + 1)]))('%s: throws only declared codes, through typed constants', (name) => {
    const text = readFileSync(join(root, name), 'utf8');
    if (/(^|[\\/])(\w+\.errors|platform-errors|error-codes)\.ts$/.test(name)) return; // the tables and their mechanism
    // A typed constant names a code of its owner's tables (a typo does not compile; this catches a constant used for another table's code).
    const misplaced = [...text.matchAll(/\b([A-Z][a-zA-Z]*Error)\.([A-Z][A-Z0-9_]+)\b/g)]
      .filter(([, family]) => owners[family])
      .filter(([, family, code]) => !owners[family].declared.has(code))
      .map(([constant]) => constant);
    expect(misplaced).toEqual([]);
    // No code as a string literal: at a throw site (whatever it is), or a declared code anywhere.
    const throwSite = /(?:Error\(\s*(?:\d+,\s*)?|\.add\([^,()]+,\s*|\bcode:\s*|sendJsonError\([^,]+,[^,]+,[^,]+,\s*)'([A-Z][A-Z0-9_]+)'/g;
    const literals = [...text.matchAll(throwSite)].map((match) => match[1]);
    const declaredLiterals = [...text.matchAll(/'([A-Z][A-Z0-9_]+)'/g)].map((match) => match[1]).filter((code) => everyDeclared.has(code));
    expect([...new Set([...literals, ...declaredLiterals])].filter((code) => !NOT_CODES[name]?.includes(code))).toEqual([]);
  });
});

/** String literals that spell a declared code but mean something else there (an enum value of the schema, a reason). */
const NOT_CODES: Record<string, string[]> = {
  'src/modules/onboarding/evaluation.worker.ts': ['CUSTOMER_ALREADY_EXISTS'], // a reprovation reason (REPROVATION_REASONS), named after the code
};
