import { readFileSync } from 'node:fs';
import { parse, ParseOptions, print } from 'graphql';
import { ApolloServerPlugin } from '@apollo/server';
import { isAnalyst } from '../policies';
import { GatewayContext } from '../../graphql/context';
import { GatewayError } from '../../errors';
import { documentHash } from './manifest';
import { PlatformError } from '../../platform-errors';

/**
 * What Apollo parses and validates in place of a refused document: the
 * client's own document is never validated, so the answer
 * (PERSISTED_QUERY_NOT_ALLOWED) is the same whether its fields exist or not.
 */
const REFUSED_PLACEHOLDER = '{ __typename }';

/**
 * Persisted operations. Automatic persisted queries (Apollo's APQ) are always
 * on. In allow-list mode, production clients may only run the operations of the
 * manifest (generated from examples/operations by `npm run codegen`), sending
 * the hash alone or the text (in any formatting); analysts keep ad-hoc queries for the IDE.
 * The allow-list comes first: a document outside it is refused before any
 * validation ("Cannot query field X" would tell any caller which fields exist).
 */
export function allowListPlugin(manifestFile: string, parseOptions: ParseOptions = {}): ApolloServerPlugin<GatewayContext> {
  const manifest: Record<string, { document: string }> = JSON.parse(readFileSync(manifestFile, 'utf8'));
  // Any formatting of a registered operation is accepted: compare canonical prints (memoised per text).
  const canonical = new Map<string, string>();
  const canonicalHash = (query: string): string => {
    let hash = canonical.get(query);
    if (hash === undefined) {
      try {
        // The parser's token cap applies here too (the same options as Apollo's own parse).
        hash = documentHash(print(parse(query, parseOptions)));
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
      // REST (src/modules/open-banking-rest) only ever runs its own fixed operations, never a client's document.
      const allowed = isAnalyst(contextValue.viewer) || contextValue.transport === 'rest' || Boolean(request.query && manifest[canonicalHash(request.query)]);
      if (!allowed) {
        // Runs before Apollo reads the request: it parses and validates the placeholder, never the client's document
        // (nor looks up an unknown hash in the APQ cache).
        request.query = REFUSED_PLACEHOLDER;
        request.operationName = undefined;
        if (request.extensions) request.extensions = { ...request.extensions, persistedQuery: undefined };
      }
      return {
        // Refused before any resolver (and so any SQL) runs.
        async didResolveOperation() {
          if (!allowed) {
            throw new GatewayError(PlatformError.PERSISTED_QUERY_NOT_ALLOWED, 'Only registered operations may run here (persisted operations allow-list).', {
              http: { status: 400 },
            });
          }
        },
      };
    },
  };
}
