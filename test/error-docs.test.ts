/**
 * The README's error tables are rendered from the modules' declarations (src/platform/error-codes.ts,
 * `npm run docs:errors`): a code added, renamed or re-described in a module without regenerating fails here,
 * and so does a code a module throws without declaring it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES } from '../src/app';
import { errorTablesOf } from '../src/platform/composition';
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

  it.each(['onboarding', 'webhooks', 'consents'])('module %s throws only declared codes, through its typed constants', (name) => {
    const module = MODULES.find((m) => m.name === name)!;
    const declared = new Set(codesOfTables(module.errorCodes ?? {}));
    const thrown = new Set<string>();
    const literal = new Set<string>();
    for (const file of sources(join(root, 'src', 'modules', name))) {
      const text = readFileSync(file, 'utf8');
      // A typed constant (`OnboardingError.CUSTOMER_NOT_FOUND`) or a string literal at a throw site.
      for (const match of text.matchAll(/\b[A-Z][a-zA-Z]*Error\.([A-Z][A-Z0-9_]+)\b/g)) thrown.add(match[1]);
      for (const match of text.matchAll(/(?:Error\(\s*|\.add\([^,()]+,\s*|\bcode:\s*)'([A-Z][A-Z0-9_]+)'/g)) literal.add(match[1]);
    }
    expect([...thrown].filter((code) => !declared.has(code))).toEqual([]);
    expect([...literal].filter((code) => declared.has(code))).toEqual([]);
    expect(thrown.size).toBeGreaterThan(0);
  });
});
