import { GraphiQL } from './globals';

/**
 * The storage GraphiQL keeps its tabs in, one namespace per preset group.
 *
 * GraphiQL 3 starts its editors from the stored `query`, `variables` and
 * `headers` keys (the last text typed in each editor, whichever tab it was
 * in), and when these match no stored tab it appends a new tab made of them:
 * after switching groups the page showed the active tab's query over another
 * tab's variables, or a duplicated tab. Read through this storage, the three
 * keys are always the active tab's own (from the stored tab state), so the
 * editors open on the active tab as it was. (Pinned to GraphiQL 3.8.3's
 * stored tab state: `{ activeTabIndex, tabs: [{ query, variables, headers }] }`.)
 */
const EDITOR_KEYS: Record<string, 'query' | 'variables' | 'headers'> = {
  'graphiql:query': 'query',
  'graphiql:variables': 'variables',
  'graphiql:headers': 'headers',
};

interface StoredTabs {
  activeTabIndex?: number;
  tabs?: { query?: string | null; variables?: string | null; headers?: string | null }[];
}

export function groupStorage(groupId: string): ReturnType<typeof GraphiQL.createLocalStorage> {
  const storage = GraphiQL.createLocalStorage({ namespace: `customers-gateway-ide:${groupId}` });
  const getItem = storage.getItem.bind(storage);
  storage.getItem = (key: string) => {
    const field = EDITOR_KEYS[key];
    if (!field) return getItem(key);
    try {
      const state = JSON.parse(getItem('graphiql:tabState') ?? 'null') as StoredTabs | null;
      const tab = state?.tabs?.[state.activeTabIndex ?? 0];
      return tab ? (tab[field] ?? null) : null;
    } catch {
      return null;
    }
  };
  return storage;
}
