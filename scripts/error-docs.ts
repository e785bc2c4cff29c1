/** Writes the README's error tables from the modules' declarations (src/platform/error-codes.ts; test/error-docs.test.ts checks they are in sync). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES } from '../src/app';
import { errorTablesOf } from '../src/platform/composition';
import { renderErrorTables } from '../src/platform/error-codes';

const file = join(__dirname, '..', 'README.md');
writeFileSync(file, renderErrorTables(readFileSync(file, 'utf8'), errorTablesOf(MODULES)));
console.log(`wrote the error tables into ${file}`);
