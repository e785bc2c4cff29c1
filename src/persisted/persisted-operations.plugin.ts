import { readFileSync } from 'node:fs';
import { parse, print } from 'graphql';
import { ApolloServerPlugin } from '@apollo/server';
import { isAnalyst } from '../auth/policies';
import { GatewayContext } from '../shared/context';
import { GatewayError } from '../shared/errors';
import { documentHash } from './manifest';

/**
 * Persisted operations. Automatic persisted queries (Apollo's APQ) are always
 * on. In allow-list mode, production clients may only run the operations of the
 * manifest (generated from examples/operations by `npm run codegen`), sending
 * the hash alone or the text (in any formatting); analysts keep ad-hoc queries for the IDE.
 */
export function allowListPlugin(manifestFile: string): ApolloServerPlugin<GatewayContext> {
  const manifest: Record<string, { document: string }> = JSON.parse(readFileSync(manifestFile, 'utf8'));
  // Any formatting of a registered operation is accepted: compare canonical prints (memoised per text).
  const canonical = new Map<string, string>();
  const canonicalHash = (query: string): string => {
    let hash = canonical.get(query);
    if (hash === undefined) {
      try {
        hash = documentHash(print(parse(query)));
      } catch {
        hash = '';
      }
      if (canonical.size >= 1000) canonical.clear();
      canonical.set(query, hash);
    }
    return hash;
  };
  return {
    async requestDidStart({ request, contextValue }) {
      const hash = (request.extensions?.persistedQuery as { sha256Hash?: string } | undefined)?.sha256Hash;
      if (!request.query && hash && manifest[hash]) request.query = manifest[hash].document;
      // REST (src/rest) only ever runs its own fixed operations, never a client's document.
      const allowed = isAnalyst(contextValue.viewer) || contextValue.transport === 'rest' || Boolean(request.query && manifest[canonicalHash(request.query)]);
      return {
        // Refused after parsing, before any resolver (and so any SQL) runs.
        async didResolveOperation() {
          if (!allowed) {
            throw new GatewayError('PERSISTED_QUERY_NOT_ALLOWED', 'Only registered operations may run here (persisted operations allow-list).', {
              http: { status: 400 },
            });
          }
        },
      };
    },
  };
}
