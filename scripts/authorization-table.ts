/** Writes docs/security.md's authorization table from src/platform/security/policies.ts (test/authorization-matrix.test.ts checks it is in sync). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withAuthorizationTable } from '../src/platform/security/authorization-docs';

const file = join(__dirname, '..', 'docs', 'security.md');
writeFileSync(file, withAuthorizationTable(readFileSync(file, 'utf8')));
console.log(`wrote the authorization table into ${file}`);
