import { React } from './globals';

/**
 * The analysts' view of a document image (a token from ManualReviews'
 * documentAnalyses): fetched with the active identity's token (the route is
 * for analysts only and audits every image it answers), shown as a data: URL
 * so the page's Content-Security-Policy (img-src 'self' data:) needs no change.
 */
type Shown = { token: string; src: string } | { token: string; error: string } | null;

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable image'));
    reader.readAsDataURL(blob);
  });
}

export function DocumentImage({ urlTemplate, token: bearer }: { urlTemplate: string; token: string }) {
  const [token, setToken] = React.useState('');
  const [shown, setShown] = React.useState<Shown>(null);
  const open = async () => {
    const wanted = token.trim();
    if (!wanted) return;
    try {
      const response = await fetch(new URL(urlTemplate.replace('{token}', encodeURIComponent(wanted)), location.href), {
        headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { errors?: { message?: string; extensions?: { code?: string } }[] } | null;
        const error = body?.errors?.[0];
        setShown({ token: wanted, error: `${response.status} ${error?.extensions?.code ?? ''} ${error?.message ?? ''}`.trim() });
        return;
      }
      setShown({ token: wanted, src: await dataUrl(await response.blob()) });
    } catch (error) {
      setShown({ token: wanted, error: (error as Error).message });
    }
  };
  return (
    <>
      <input
        id="ide-image-token"
        className="ide-image-token"
        value={token}
        spellCheck={false}
        placeholder="document token (ManualReviews)"
        onChange={(e) => setToken(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void open();
          }
        }}
      />
      <button
        type="button"
        id="ide-image-open"
        onClick={() => void open()}
        title="Shows the image of a document analysis (analysts only; every image shown is audited)."
      >
        Document image
      </button>
      {shown ? (
        <div id="ide-image-viewer" className="ide-image-viewer" role="dialog" aria-label={`Document ${shown.token}`}>
          <button type="button" id="ide-image-close" onClick={() => setShown(null)}>
            Close
          </button>{' '}
          {shown.token}
          {'src' in shown ? <img id="ide-image" src={shown.src} alt={`Document ${shown.token}`} /> : <p id="ide-image-error">{shown.error}</p>}
        </div>
      ) : null}
    </>
  );
}
