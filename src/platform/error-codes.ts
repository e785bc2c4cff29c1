/**
 * Error codes declared once: each module (and the platform) declares the
 * `extensions.code` values a client can get as catalogs — code → one-line
 * description — grouped in named tables. Throw sites use the typed constants
 * (`codesOf`), metrics label the declared codes as themselves, and the
 * README's error tables are rendered from the same catalogs
 * (`npm run docs:errors`; a test fails when the README is out of date).
 */

/** Code → one line on when a client gets it (Markdown). */
export type ErrorCatalog = Readonly<Record<string, string>>;

/** Named tables of codes: the name is the README marker's (`<!-- error-table:NAME -->`). */
export type ErrorTables = Readonly<Record<string, ErrorCatalog>>;

/** The typed constants of catalogs: `Codes.CUSTOMER_NOT_FOUND === 'CUSTOMER_NOT_FOUND'`, and a typo does not compile. */
export function codesOf<T extends readonly ErrorCatalog[]>(...catalogs: T): { readonly [K in CodeOf<T[number]>]: K } {
  const codes: Record<string, string> = {};
  for (const catalog of catalogs) for (const code of Object.keys(catalog)) codes[code] = code;
  return Object.freeze(codes) as { readonly [K in CodeOf<T[number]>]: K };
}

/** The codes of any of the catalogs (distributes over the union). */
type CodeOf<C> = C extends unknown ? keyof C & string : never;

/** Every code of the tables, once each. */
export function codesOfTables(tables: ErrorTables): string[] {
  return [...new Set(Object.values(tables).flatMap((catalog) => Object.keys(catalog)))];
}

/** The Markdown table of a catalog, in its declaration order. */
export function errorTable(catalog: ErrorCatalog): string {
  const rows = Object.entries(catalog).map(([code, when]) => `| \`${code}\` | ${when.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ')} |`);
  return ['| Code | When |', '|---|---|', ...rows].join('\n');
}

const MARKER = /<!-- error-table:([a-z0-9-]+) -->\n[\s\S]*?<!-- \/error-table -->/g;

/**
 * `markdown` with every `<!-- error-table:NAME -->…<!-- /error-table -->` block rendered from the table NAME.
 * A marker naming no table is an error (a renamed table must not leave a stale one behind).
 */
export function renderErrorTables(markdown: string, tables: ErrorTables): string {
  return markdown.replace(MARKER, (_block, name: string) => {
    const catalog = tables[name];
    if (!catalog) throw new Error(`README error table "${name}": no module declares it`);
    return `<!-- error-table:${name} -->\n${errorTable(catalog)}\n<!-- /error-table -->`;
  });
}

/** The table names the markers of `markdown` use. */
export function errorTableMarkers(markdown: string): string[] {
  return [...markdown.matchAll(MARKER)].map((match) => match[1]);
}
