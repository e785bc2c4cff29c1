import { errors as joseErrors, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { isValidCnpj, isValidCpf } from '../documents';
import { GatewayError } from '../errors';
import { identityViolation, textLength } from '../text';
import { VerificationKeys } from './keys';
import { PlatformError } from '../platform-errors';
import { BoundedMap } from '../bounded-map';

/**
 * Who is calling, from a verified JWT. Claims: `sub`; `scope` (space-separated,
 * e.g. "customers customer.read"); `permissions` (Open Banking consent
 * permissions); `cpf` or `cnpj` (the customer the consent is bound to);
 * `consentId` (the consent of a data receiver's token); `roles` (e.g. ["analyst"]).
 */
export interface Viewer {
  subject: string;
  scopes: ReadonlySet<string>;
  permissions: ReadonlySet<string>;
  roles: ReadonlySet<string>;
  /** The customer a consent-bound token may read; null for partner and analyst tokens. */
  boundCustomer: { cpf?: string; cnpj?: string } | null;
  /**
   * The Open Banking consent the token was issued under (`consentId` claim).
   * Until admission (src/modules/consents/consent-admission.ts) binds it, `permissions`
   * and `boundCustomer` are only the token's claims.
   */
  consentId: string | null;
  /**
   * False when the token has no `permissions` claim: bound to a consent, it then has the consent's
   * permissions (Open Banking Brasil: the consent holds them, the provider's token only names it).
   */
  permissionsClaimed?: boolean;
  /** When the bound consent expires (epoch ms), once admission has read it: open streams end then. */
  consentExpiresAt?: number;
  expiresAt: number;
}

export const ROLE_ANALYST = 'analyst';
export const ROLE_COMPLIANCE = 'compliance';

export class UnauthenticatedError extends GatewayError {
  constructor(message = 'A valid bearer token is required.', extensions: Record<string, unknown> = {}) {
    super(PlatformError.UNAUTHENTICATED, message, { ...extensions, http: { status: 401 } });
  }
}

export class ForbiddenError extends GatewayError {
  constructor(message: string) {
    super(PlatformError.FORBIDDEN, message, { http: { status: 403 } });
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/** Most verified tokens remembered per key set; the oldest is forgotten first. */
export const VERIFIED_TOKEN_CACHE_SIZE = 5000;

/**
 * Tokens already verified, per key set, keyed by the whole compact token (its
 * signature included, so only the very same token hits): a client repeating
 * its token skips the signature check and the claim parsing. An entry lives
 * until the token's `exp` (then the token is verified again, and refused as
 * expired) or until VERIFIED_TOKEN_CACHE_SIZE newer tokens push it out. Only
 * successes are remembered. Viewers are never mutated (admission derives new ones).
 */
const verifiedTokens = new WeakMap<VerificationKeys, BoundedMap<string, Viewer>>();

function cachedViewer(keys: VerificationKeys, token: string): Viewer | undefined {
  const cache = verifiedTokens.get(keys);
  const viewer = cache?.get(token);
  if (!viewer) return undefined;
  if (viewer.expiresAt * 1000 > Date.now()) return viewer;
  cache!.delete(token);
  return undefined;
}

function rememberViewer(keys: VerificationKeys, token: string, viewer: Viewer): void {
  let cache = verifiedTokens.get(keys);
  if (!cache) verifiedTokens.set(keys, (cache = new BoundedMap(VERIFIED_TOKEN_CACHE_SIZE)));
  cache.set(token, viewer);
}

/** Verifies `Authorization: Bearer …`; null when absent, UNAUTHENTICATED when present but not valid. */
export async function authenticate(authorization: string | undefined | null, keys: VerificationKeys): Promise<Viewer | null> {
  if (!authorization) return null;
  if (authorization.length > 2048) throw new UnauthenticatedError('Authorization header too long.');
  const match = BEARER.exec(authorization.trim());
  if (!match) throw new UnauthenticatedError('Authorization must be "Bearer <JWT>".');
  const cached = cachedViewer(keys, match[1]);
  if (cached) return cached;
  try {
    // algorithms pins the accepted algs: "none" and alg-confusion tokens are refused.
    const { payload } = await jwtVerify(match[1], keys.key as never, {
      algorithms: keys.algorithms,
      requiredClaims: ['exp', 'sub'],
      issuer: keys.issuer,
      audience: keys.audience,
    });
    const viewer = viewerFromClaims(payload);
    rememberViewer(keys, match[1], viewer);
    return viewer;
  } catch (error) {
    if (error instanceof UnauthenticatedError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('The token has expired.');
    if (error instanceof joseErrors.JWTClaimValidationFailed && (error.claim === 'iss' || error.claim === 'aud')) {
      throw new UnauthenticatedError(
        `The token's "${error.claim}" claim is not this gateway's ${error.claim === 'iss' ? 'issuer (JWT_ISSUER)' : 'audience (JWT_AUDIENCE)'}.`,
      );
    }
    // The provider's JWKS could not be fetched: say so rather than blame the token.
    if (error instanceof joseErrors.JWKSTimeout || (error as NodeJS.ErrnoException).syscall !== undefined) {
      throw new UnauthenticatedError("The token could not be verified: the identity provider's keys are unreachable.");
    }
    throw new UnauthenticatedError('The token is not valid.');
  }
}

/** The Consents API's `consentId` pattern, at most 256 characters. */
export const CONSENT_ID = /^(?=.{1,256}$)urn:[a-zA-Z0-9][a-zA-Z0-9-]{0,31}:[a-zA-Z0-9()+,\-.:=@;$_!*'%\/?#]+$/;

/** Longest token subject: the audit log's column. */
export const MAX_SUBJECT_LENGTH = 200;

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * The viewer of a verified token, failing closed: a claim present with the
 * wrong type or format makes the whole token invalid (UNAUTHENTICATED), never
 * "absent". Above all `cpf`/`cnpj`: a binding that cannot be read must not
 * turn a customer-bound token into an unbound (partner-like) one.
 */
export function viewerFromClaims(payload: JWTPayload): Viewer {
  const invalid = (claim: string, rule: string) => new UnauthenticatedError(`The token's "${claim}" claim is not valid: ${rule}.`);
  const { sub, scope, permissions, roles, cpf, cnpj, consentId } = payload as Record<string, unknown>;
  if (typeof sub !== 'string' || sub.trim() === '' || textLength(sub) > MAX_SUBJECT_LENGTH) {
    throw invalid('sub', `a non-empty string of at most ${MAX_SUBJECT_LENGTH} characters`);
  }
  // The subject is the caller's identity everywhere (four eyes, ownership, audit), compared byte for byte.
  const subjectProblem = identityViolation(sub);
  if (subjectProblem) throw invalid('sub', subjectProblem.message);
  if (scope !== undefined && typeof scope !== 'string') throw invalid('scope', 'a space-separated string');
  if (permissions !== undefined && !isStringList(permissions)) throw invalid('permissions', 'an array of strings');
  if (roles !== undefined && !isStringList(roles)) throw invalid('roles', 'an array of strings');
  if (cpf !== undefined && (typeof cpf !== 'string' || !isValidCpf(cpf))) throw invalid('cpf', 'a CPF of 11 digits with valid check digits');
  if (cnpj !== undefined && (typeof cnpj !== 'string' || !isValidCnpj(cnpj)))
    throw invalid('cnpj', 'a CNPJ of 14 characters (12 digits or uppercase letters, 2 check digits) with valid check digits');
  if (consentId !== undefined && (typeof consentId !== 'string' || !CONSENT_ID.test(consentId))) {
    throw invalid('consentId', 'a consent id urn:<namespace>:<id> of at most 256 characters');
  }
  return {
    subject: sub,
    scopes: new Set(scope === undefined ? [] : scope.split(' ').filter(Boolean)),
    permissions: new Set(permissions ?? []),
    permissionsClaimed: permissions !== undefined,
    roles: new Set(roles ?? []),
    boundCustomer: cpf !== undefined || cnpj !== undefined ? { cpf: cpf as string | undefined, cnpj: cnpj as string | undefined } : null,
    consentId: (consentId as string | undefined) ?? null,
    expiresAt: payload.exp!,
  };
}

export interface TokenClaims {
  sub: string;
  scope?: string;
  permissions?: string[];
  roles?: string[];
  cpf?: string;
  cnpj?: string;
  consentId?: string;
}

/** Mints an HS256 token (development secret or JWT_SECRET). */
export function mintToken(secret: Uint8Array, claims: TokenClaims, expiresIn: string | number = '12h'): Promise<string> {
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().setExpirationTime(expiresIn).sign(secret);
}

/** Ready-made claim sets, printed by `npm start` in development and used by `npm run token`. */
export const ALL_PERMISSIONS = [
  'CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ',
  'CUSTOMERS_PERSONAL_ADITTIONALINFO_READ',
  'CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ',
  'CUSTOMERS_BUSINESS_ADITTIONALINFO_READ',
  'RESOURCES_READ',
];

export const analystClaims = (sub = 'analyst'): TokenClaims => ({
  sub,
  scope: 'openid customers customer.read customer.write customer.update',
  permissions: ALL_PERMISSIONS,
  roles: [ROLE_ANALYST],
});

export const personalConsentClaims = (cpf: string, sub = `consent-${cpf}`): TokenClaims => ({
  sub,
  scope: 'openid customers consent:' + sub,
  permissions: ['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ', 'CUSTOMERS_PERSONAL_ADITTIONALINFO_READ', 'RESOURCES_READ'],
  cpf,
});

export const businessConsentClaims = (cnpj: string, sub = `consent-${cnpj}`): TokenClaims => ({
  sub,
  scope: 'openid customers consent:' + sub,
  permissions: ['CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ', 'CUSTOMERS_BUSINESS_ADITTIONALINFO_READ', 'RESOURCES_READ'],
  cnpj,
});

/** A partner's scopes: onboarding (customer.*) and its webhooks (webhook.*); not `customers`, the Open Banking read model. */
export const PARTNER_SCOPES = 'customer.read customer.write customer.update webhook.read webhook.write';

export const partnerClaims = (sub = 'partner'): TokenClaims => ({ sub, scope: PARTNER_SCOPES });
