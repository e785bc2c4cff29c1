import type { IdePageConfig, IdePresetGroup } from '../ide-config';
import { DocumentImage } from './document-image';
import { createTransport } from './fetcher';
import { GraphiQL, React, ReactDOM } from './globals';
import { activeToken, defaultName, describeToken, forgetIdentity, IdentityState, loadIdentities, saveIdentity, storeIdentities } from './identities';
import { groupStorage } from './tab-storage';

/**
 * The analysts' IDE page (bundled by scripts/build-ide.ts into
 * src/ide/browser/ide-app.bundle.js, served as /ide/assets/ide.js): GraphiQL
 * with a bar for saved identities, preset groups, the file to upload and the
 * analysts' document images.
 */

const config = JSON.parse(document.getElementById('ide-config')!.textContent!) as IdePageConfig;
const transport = createTransport(new URL(config.endpoint, location.href));
const GROUP_KEY = 'customers-gateway-ide:group';

function storedGroup(): string {
  try {
    const id = localStorage.getItem(GROUP_KEY);
    return config.groups.some((g) => g.id === id) ? id! : (config.groups[0]?.id ?? '');
  } catch {
    return config.groups[0]?.id ?? '';
  }
}

/**
 * GraphiQL 3 fills the Variables and Headers editors from its `variables` and
 * `headers` props or storage, not from the active tab of `defaultTabs`
 * (GraphiQL issue #3392): on a first visit the active preset showed no
 * variables until another tab was opened. Once the editors exist, this puts
 * the active tab's values in (later visits: see ./tab-storage.ts).
 */
function ActiveTabValues(): null {
  const editor = GraphiQL.React.useEditorContext({ nonNull: true });
  const done = React.useRef(false);
  React.useEffect(() => {
    const { variableEditor, headerEditor, tabs, activeTabIndex } = editor;
    if (done.current || !variableEditor || !headerEditor) return;
    done.current = true;
    const tab = tabs[activeTabIndex];
    if (tab?.variables && variableEditor.getValue() !== tab.variables) variableEditor.setValue(tab.variables);
    if (tab?.headers && headerEditor.getValue() !== tab.headers) headerEditor.setValue(tab.headers);
  }, [editor]);
  return null;
}

interface BarProps {
  identities: IdentityState;
  onIdentities(next: IdentityState): void;
  group: IdePresetGroup | undefined;
  onGroup(id: string): void;
}

function Bar({ identities, onIdentities, group, onGroup }: BarProps) {
  const [name, setName] = React.useState('');
  const [token, setToken] = React.useState('');
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    const clean = token.trim().replace(/^Bearer\s+/i, '');
    if (!clean) return;
    onIdentities(saveIdentity(identities, name.trim() || defaultName(clean, identities.identities), clean));
    setName('');
    setToken('');
  };
  const current = activeToken(identities);
  return (
    <form className="ide-bar" onSubmit={save} autoComplete="off">
      <div className="ide-row">
        <label htmlFor="ide-preset-group">Presets for</label>
        <select id="ide-preset-group" value={group?.id ?? ''} onChange={(e) => onGroup(e.target.value)} title={group?.description}>
          {config.groups.map((g) => (
            <option key={g.id} value={g.id}>{`${g.label} (${g.tabs.length})`}</option>
          ))}
        </select>
        <span className="ide-label">Identity</span>
        <span className="ide-identities" role="group" aria-label="Saved identities">
          {identities.identities.length === 0 ? <span className="ide-none">none saved</span> : null}
          {identities.identities.map((identity) => (
            <button
              key={identity.name}
              type="button"
              className="ide-identity"
              data-identity={identity.name}
              aria-pressed={identity.name === identities.active}
              title={describeToken(identity.token)}
              onClick={() => onIdentities({ ...identities, active: identity.name })}
            >
              {identity.name}
            </button>
          ))}
        </span>
        <button
          type="button"
          id="ide-token-forget"
          disabled={!identities.active}
          title="Forget the active identity"
          onClick={() => onIdentities(forgetIdentity(identities, identities.active))}
        >
          Forget
        </button>
        <DocumentImage urlTemplate={config.documentImageUrl} token={current} />
      </div>
      <div className="ide-row">
        <input
          id="ide-identity-name"
          className="ide-name"
          value={name}
          placeholder="name (e.g. analyst 2)"
          spellCheck={false}
          onChange={(e) => setName(e.target.value)}
        />
        <input
          id="ide-token-input"
          type="password"
          value={token}
          spellCheck={false}
          autoComplete="off"
          placeholder="paste a JWT (npm run token -- analyst | partner | personal <CPF>)"
          onChange={(e) => setToken(e.target.value)}
        />
        <button type="submit" id="ide-token-apply">
          Save and use
        </button>
        <label
          htmlFor="ide-upload-file"
          className="ide-upload"
          title="Sent for the Upload variables of the operation you run (e.g. SubmitDocument's image), as a multipart request."
        >
          File for Upload
          <input id="ide-upload-file" type="file" accept="image/jpeg,image/png" onChange={(e) => transport.chooseFile(e.target.files?.[0] ?? null)} />
        </label>
        <span
          id="ide-token-status"
          className="ide-token-status"
          title="Sent as Authorization on every request and in the graphql-ws connection_init; a tab's Headers editor can override it."
        >
          {describeToken(current)}
        </span>
      </div>
    </form>
  );
}

function App() {
  const [identities, setIdentities] = React.useState(loadIdentities);
  const [groupId, setGroupId] = React.useState(storedGroup);
  const token = activeToken(identities);
  const fetcher = React.useMemo(() => transport.fetcher(token), [token]);
  const group = config.groups.find((g) => g.id === groupId);
  // Each group keeps its own tabs (GraphiQL's tab state under a namespace of its own).
  const storage = React.useMemo(() => groupStorage(groupId), [groupId]);
  const changeIdentities = (next: IdentityState) => {
    storeIdentities(next);
    setIdentities(next);
  };
  const changeGroup = (id: string) => {
    try {
      localStorage.setItem(GROUP_KEY, id);
    } catch {
      /* private mode */
    }
    setGroupId(id);
  };
  return (
    <div className="ide-app">
      <Bar identities={identities} onIdentities={changeIdentities} group={group} onGroup={changeGroup} />
      <div className="ide-graphiql">
        <GraphiQL
          key={groupId}
          fetcher={fetcher}
          storage={storage}
          defaultTabs={group?.tabs.length ? group.tabs : undefined}
          defaultEditorToolsVisibility
          isHeadersEditorEnabled
          shouldPersistHeaders={false}
          showPersistHeadersSettings={false}
        >
          <GraphiQL.Logo>
            {config.title}
            <ActiveTabValues />
          </GraphiQL.Logo>
        </GraphiQL>
      </div>
    </div>
  );
}

ReactDOM.createRoot(document.getElementById('ide')!).render(<App />);
