/**
 * Saved identities: several bearer tokens with a name each, one active,
 * kept in localStorage so that an analyst switches identity in one click
 * (the four-eyes confirmation of a manual review: claim and decide as one
 * analyst, confirm as another). Development tokens: the gateway verifies
 * every request; nothing here is trusted.
 */
export interface Identity {
  name: string;
  token: string;
}

export interface IdentityState {
  identities: Identity[];
  /** Name of the active identity (null: no token). */
  active: string | null;
}

const STORAGE_KEY = 'customers-gateway-ide:identities';

export function loadIdentities(): IdentityState {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<IdentityState> | null;
    const identities = Array.isArray(parsed?.identities)
      ? parsed.identities.filter((i): i is Identity => typeof i?.name === 'string' && typeof i?.token === 'string')
      : [];
    const active = identities.some((i) => i.name === parsed?.active) ? parsed!.active! : null;
    return { identities, active };
  } catch {
    return { identities: [], active: null };
  }
}

export function storeIdentities(state: IdentityState): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    /* private mode: identities last for this page only */
  }
}

export function activeToken(state: IdentityState): string {
  return state.identities.find((i) => i.name === state.active)?.token ?? '';
}

/** Adds (or replaces, by name) an identity and makes it active. */
export function saveIdentity(state: IdentityState, name: string, token: string): IdentityState {
  const identities = state.identities.filter((i) => i.name !== name).concat({ name, token });
  return { identities, active: name };
}

export function forgetIdentity(state: IdentityState, name: string | null): IdentityState {
  const identities = state.identities.filter((i) => i.name !== name);
  return { identities, active: identities[0]?.name ?? null };
}

export interface TokenClaims {
  sub?: string;
  roles?: string[];
  cpf?: string;
  cnpj?: string;
  scope?: string;
  exp?: number;
}

/** The payload of a JWT, decoded for display only (null when it is not one). */
export function tokenClaims(token: string): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const binary = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? (claims as TokenClaims) : null;
  } catch {
    return null;
  }
}

/** A name for a token saved without one: its role and subject. */
export function defaultName(token: string, taken: Identity[]): string {
  const claims = tokenClaims(token);
  const base = claims ? [claims.roles?.[0] ?? (claims.cpf || claims.cnpj ? 'customer' : 'token'), claims.sub].filter(Boolean).join(' ') : 'token';
  let name = base;
  for (let n = 2; taken.some((i) => i.name === name); n++) name = `${base} (${n})`;
  return name;
}

/** What a token says about its holder. */
export function describeToken(token: string): string {
  if (!token) {
    return (
      'No token yet: every field needs one, and the schema (docs, autocompletion) is for analyst tokens. ' +
      'Paste one (npm run token -- analyst | partner | personal <CPF>).'
    );
  }
  if (token.split('.').length !== 3) return 'This does not look like a JWT (three dot-separated parts).';
  const claims = tokenClaims(token);
  if (!claims) return 'This does not look like a JWT (unreadable payload).';
  const who: string[] = [];
  if (claims.sub) who.push(`sub ${claims.sub}`);
  if (claims.roles?.length) who.push(`roles ${claims.roles.join(',')}`);
  if (claims.cpf) who.push(`consent of CPF ${claims.cpf}`);
  if (claims.cnpj) who.push(`consent of CNPJ ${claims.cnpj}`);
  if (claims.scope) who.push(`scope ${claims.scope}`);
  if (claims.exp) {
    const expires = new Date(claims.exp * 1000);
    who.push(`${expires < new Date() ? 'EXPIRED' : 'expires'} ${expires.toLocaleString()}`);
  }
  return who.join(' · ');
}
