/** Writes the error tables of README.md and docs/*.md from the modules' declarations (src/platform/error-codes.ts; test/error-docs.test.ts checks they are in sync). */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES } from '../src/app';
import { errorTablesOf } from '../src/platform/composition';
import { errorTableMarkers, renderErrorTables } from '../src/platform/error-codes';

/** The documents that may hold error tables: the README and every reader's doc. */
export function documentationFiles(root = join(__dirname, '..')): string[] {
  const docs = join(root, 'docs');
  return [
    join(root, 'README.md'),
    ...readdirSync(docs)
      .filter((name) => name.endsWith('.md'))
      .map((name) => join(docs, name)),
  ];
}

if (require.main === module) {
  const tables = errorTablesOf(MODULES);
  for (const file of documentationFiles()) {
    const text = readFileSync(file, 'utf8');
    if (!errorTableMarkers(text).length) continue;
    writeFileSync(file, renderErrorTables(text, tables));
    console.log(`wrote the error tables into ${file}`);
  }
}
