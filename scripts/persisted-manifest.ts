/**
 * Writes examples/generated/persisted-operations.json: sha256 → document of
 * every operation in examples/operations. It is the allow-list the gateway
 * serves in PERSISTED_OPERATIONS=allowlist mode (run by `npm run codegen`).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationManifest } from '../src/platform/security/persisted/manifest';

const dir = join(__dirname, '..', 'examples', 'operations');
const documents = readdirSync(dir)
  .filter((file) => file.endsWith('.graphql'))
  .sort()
  .map((file) => readFileSync(join(dir, file), 'utf8'));
const file = join(__dirname, '..', 'examples', 'generated', 'persisted-operations.json');
writeFileSync(file, `${JSON.stringify(operationManifest(documents), null, 2)}\n`);
console.log(`wrote ${file}`);
