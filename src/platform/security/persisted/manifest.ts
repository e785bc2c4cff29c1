import { createHash } from 'node:crypto';
import { parse, print } from 'graphql';

/** sha256 (hex) of a document, as Apollo's automatic persisted queries compute it. */
export function documentHash(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

/** Canonical text of each operation (comments and spacing dropped), keyed by its hash. */
export function operationManifest(documents: string[]): Record<string, { operationName: string; document: string }> {
  const manifest: Record<string, { operationName: string; document: string }> = {};
  for (const source of documents) {
    for (const definition of parse(source).definitions) {
      if (definition.kind !== 'OperationDefinition' || !definition.name) continue;
      const document = print(definition);
      manifest[documentHash(document)] = { operationName: definition.name.value, document };
    }
  }
  return manifest;
}
