import { randomUUID } from 'node:crypto';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { MAX_SUBJECT_LENGTH, UnauthenticatedError, Viewer } from '../../platform/security/viewer';
import { isValidCnpj, isValidCpf } from '../../platform/documents';
import { GatewayPubSub, isResync } from '../../platform/events/pubsub';
import { BusinessRuleError, GatewayError, Violations } from '../../platform/errors';
import { identityViolation, textLength } from '../../platform/text';
import { Consent, CONSENT_PERMISSIONS, ConsentDocumentKind, ConsentRejectedBy, ConsentRejectionReason, ConsentStatus } from './consent.entity';
import { ConsentError } from './consents.errors';

export interface NewConsent {
  cpf?: string | null;
  cnpj?: string | null;
  permissions: string[];
  expirationDateTime: Date;
  receiver: string;
}

export interface ConsentFilter {
  status?: ConsentStatus | null;
  cpf?: string | null;
  cnpj?: string | null;
  receiver?: string | null;
}

/** The Consents API v2 caps a consent at 12 months. */
const MAX_VALIDITY_MS = 366 * 86_400_000;
const PERSONAL_ONLY = /^CUSTOMERS_PERSONAL_/;
const BUSINESS_ONLY = /^CUSTOMERS_BUSINESS_/;

/**
 * A consent that exists but admits no read now (awaiting authorisation,
 * rejected, revoked, expired): the token issued under it is no longer a valid
 * credential, so UNAUTHENTICATED (401; WebSocket close 4401), with the
 * consent's status for the client — what the Open Banking conformance suite
 * expects of a token whose consent was revoked. FORBIDDEN (403) stays for a
 * usable consent that lacks a permission.
 */
function refused(message: string, consent: Consent): GatewayError {
  return new UnauthenticatedError(message, { consentStatus: consent.status });
}

/**
 * Why `consent` admits no read at `now`, or null when it does. Checked on
 * every operation and every subscription event, so a revocation or an expiry
 * takes effect at once, on every instance (the database is the one truth: no cache).
 */
function usability(consent: Consent, now: Date): GatewayError | null {
  if (consent.status === ConsentStatus.AWAITING_AUTHORISATION) return refused('The consent is awaiting authorisation.', consent);
  if (consent.status === ConsentStatus.REJECTED) {
    const revoked = consent.rejectionReason === ConsentRejectionReason.CUSTOMER_MANUALLY_REVOKED;
    return refused(`The consent was ${revoked ? 'revoked' : 'rejected'} (${consent.rejectionReason ?? 'no reason'}).`, consent);
  }
  if (consent.expirationDateTime.getTime() <= now.getTime()) return refused(`The consent expired at ${consent.expirationDateTime.toISOString()}.`, consent);
  return null;
}

/**
 * The token's viewer bound to its consent: the customer comes from the
 * consent, the permissions are those both the token and the consent grant
 * (the consent's alone when the token has no `permissions` claim, as a provider's token).
 * A token that disagrees with its consent (another receiver, another customer)
 * is not valid for it: UNAUTHENTICATED.
 */
export function bindConsent(viewer: Viewer, consent: Consent | null, now: Date): Viewer {
  if (!consent) throw new UnauthenticatedError("The token's consent is unknown.");
  if (consent.receiver !== viewer.subject) throw new UnauthenticatedError("The token's consent was not granted to its subject.");
  const kind = consent.documentKind === ConsentDocumentKind.CPF ? 'cpf' : 'cnpj';
  const claims = viewer.boundCustomer;
  if (claims && (claims[kind] !== consent.documentNumber || claims[kind === 'cpf' ? 'cnpj' : 'cpf'] !== undefined)) {
    throw new UnauthenticatedError("The token's customer claim does not match its consent's customer.");
  }
  const problem = usability(consent, now);
  if (problem) throw problem;
  const granted = new Set(consent.permissions);
  return {
    ...viewer,
    boundCustomer: { [kind]: consent.documentNumber },
    consentExpiresAt: consent.expirationDateTime.getTime(),
    permissions: viewer.permissionsClaimed === false ? granted : new Set([...viewer.permissions].filter((permission) => granted.has(permission))),
  };
}

/**
 * The consent store (table `consents`) and the consent check of admission:
 * `admit` is what every transport runs, per operation, before the operation
 * pipeline executes anything (src/platform/graphql/operation-pipeline.ts `admit`).
 */
export class ConsentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pubSub: GatewayPubSub,
    private readonly options: { urnNamespace: string; consentlessPermissions: boolean },
  ) {}

  find(consentId: string): Promise<Consent | null> {
    return this.dataSource.getRepository(Consent).findOneBy({ consentId });
  }

  /**
   * The viewer an operation runs as. A token with `consentId` is bound to that
   * consent, read now. A customer token without one (the customer's own app,
   * or development tokens) keeps its claims, but its Open Banking permissions
   * only where CONSENTLESS_PERMISSIONS allows (never in production).
   */
  async admit(viewer: Viewer | null, now = new Date()): Promise<Viewer | null> {
    if (!viewer) return null;
    if (viewer.consentId !== null) return bindConsent(viewer, await this.find(viewer.consentId), now);
    if (viewer.boundCustomer && !this.options.consentlessPermissions && viewer.permissions.size > 0) return { ...viewer, permissions: new Set() };
    return viewer;
  }

  /** Per subscription event: throws when the viewer's consent no longer admits reads (revoked, expired, gone). */
  async recheck(viewer: Viewer | null, now = new Date()): Promise<void> {
    if (!viewer?.consentId) return;
    const consent = await this.find(viewer.consentId);
    if (!consent) throw new UnauthenticatedError("The token's consent is unknown.");
    const problem = usability(consent, now);
    if (problem) throw problem;
  }

  async create(input: NewConsent, now = new Date()): Promise<Consent> {
    const violations = new Violations();
    const { cpf, cnpj } = input;
    if (!cpf === !cnpj) violations.add(cpf ? 'input.cnpj' : 'input.cpf', ConsentError.REQUIRED, 'exactly one of cpf and cnpj is required');
    else if (cpf && !isValidCpf(cpf)) violations.add('input.cpf', ConsentError.INVALID_CPF, 'must be 11 digits with valid check digits');
    else if (cnpj && !isValidCnpj(cnpj))
      violations.add('input.cnpj', ConsentError.INVALID_CNPJ, 'must be 14 characters (12 digits or uppercase letters, then 2 digits) with valid check digits');
    if (input.permissions.length === 0) violations.add('input.permissions', ConsentError.REQUIRED, 'at least one permission is required');
    input.permissions.forEach((permission, i) => {
      const field = `input.permissions.${i}`;
      if (!(CONSENT_PERMISSIONS as readonly string[]).includes(permission)) {
        violations.add(field, ConsentError.INVALID_PERMISSION, `not a Customers API permission (${CONSENT_PERMISSIONS.join(', ')})`);
      } else if (!cpf !== !cnpj && ((cpf && BUSINESS_ONLY.test(permission)) || (cnpj && PERSONAL_ONLY.test(permission)))) {
        violations.add(field, ConsentError.INVALID_PERMISSION, `${permission} does not apply to a ${cpf ? 'natural person (cpf)' : 'company (cnpj)'}`);
      }
    });
    const expires = input.expirationDateTime.getTime();
    if (expires <= now.getTime()) violations.add('input.expirationDateTime', ConsentError.OUT_OF_RANGE, 'must be in the future');
    else if (expires > now.getTime() + MAX_VALIDITY_MS) violations.add('input.expirationDateTime', ConsentError.OUT_OF_RANGE, 'at most 12 months ahead');
    const receiver = input.receiver;
    if (receiver.trim() === '') violations.add('input.receiver', ConsentError.REQUIRED, 'the data receiver (token subject) is required');
    else if (textLength(receiver) > MAX_SUBJECT_LENGTH) violations.add('input.receiver', ConsentError.TOO_LONG, `at most ${MAX_SUBJECT_LENGTH} characters`);
    else {
      // The receiver is compared byte for byte with its tokens' subject: it follows the subject's rule.
      const problem = identityViolation(receiver);
      if (problem) violations.add('input.receiver', problem.code, problem.message);
    }
    violations.throwIfAny();

    const at = new Date(Math.floor(now.getTime() / 1000) * 1000); // the spec's date-times carry whole seconds
    const consent = this.dataSource.getRepository(Consent).create({
      consentId: `urn:${this.options.urnNamespace}:${randomUUID()}`,
      documentNumber: (cpf ?? cnpj)!,
      documentKind: cpf ? ConsentDocumentKind.CPF : ConsentDocumentKind.CNPJ,
      permissions: [...new Set(input.permissions)],
      status: ConsentStatus.AWAITING_AUTHORISATION,
      rejectionReason: null,
      rejectedBy: null,
      receiver,
      creationDateTime: at,
      statusUpdateDateTime: at,
      expirationDateTime: new Date(Math.floor(expires / 1000) * 1000),
    });
    return this.dataSource.getRepository(Consent).save(consent);
  }

  /** AWAITING_AUTHORISATION → AUTHORISED (the customer confirmed at the bank); an expired request cannot be authorised. */
  async authorise(consentId: string, now = new Date()): Promise<Consent> {
    return this.transition(consentId, [ConsentStatus.AWAITING_AUTHORISATION], now, { status: ConsentStatus.AUTHORISED }, (consent) => {
      if (consent.expirationDateTime.getTime() <= now.getTime()) throw invalidStatus(consent, 'it has expired');
    });
  }

  /** AWAITING_AUTHORISATION or AUTHORISED → REJECTED with the reason; a consent already REJECTED answers CONSENT_INVALID_STATUS. */
  async revoke(consentId: string, reason: ConsentRejectionReason, rejectedBy: ConsentRejectedBy, now = new Date()): Promise<Consent> {
    const consent = await this.transition(consentId, [ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.AUTHORISED], now, {
      status: ConsentStatus.REJECTED,
      rejectionReason: reason,
      rejectedBy,
    });
    // After the commit: every instance's open streams of this consent re-check it now (reads re-check anyway).
    this.pubSub.publish('CONSENT_REVOKED', { consentId });
    return consent;
  }

  /**
   * A subscription's source, admitted again before each event is passed on and
   * whenever a revocation of the viewer's consent is announced on the bus (any
   * instance; also after a bus reconnection, in case one was missed) and when
   * the consent expires: the stream fails with UNAUTHENTICATED at once, without
   * waiting for its next event.
   */
  guard<T>(viewer: Viewer | null, source: AsyncIterator<T>): AsyncIterableIterator<T> {
    const consentId = viewer?.consentId;
    if (!consentId) return iterableOf(source);
    let failure: unknown;
    // Rejects the pending `next` (a fresh promise each time: nothing accumulates on a long-lived one).
    let interrupt: ((error: unknown) => void) | null = null;
    const fail = (error: unknown) => {
      failure ??= error;
      interrupt?.(failure);
    };
    const check = () => this.recheck(viewer).catch(fail);

    const announcements = this.pubSub.subscribe('CONSENT_REVOKED')[Symbol.asyncIterator]();
    void (async () => {
      for (;;) {
        const { done, value } = await announcements.next();
        if (done) return;
        if (isResync(value) || value.consentId === consentId) await check();
      }
    })().catch(fail);

    // setTimeout caps at about 24.8 days: a longer wait is armed again when it fires.
    let expiryTimer: NodeJS.Timeout | undefined;
    const armExpiry = () => {
      const expiresAt = viewer.consentExpiresAt;
      if (expiresAt === undefined || failure !== undefined) return;
      expiryTimer = setTimeout(
        () => void check().then(() => expiresAt > Date.now() && armExpiry()),
        Math.min(Math.max(0, expiresAt - Date.now()), 2 ** 31 - 1),
      );
      expiryTimer.unref();
    };
    armExpiry();

    const close = async () => {
      clearTimeout(expiryTimer);
      await announcements.return?.();
      await source.return?.();
    };
    return {
      next: () =>
        new Promise<IteratorResult<T>>((resolve, reject) => {
          if (failure !== undefined) return reject(failure);
          interrupt = reject;
          source
            .next()
            .then(async (event) => {
              if (!event.done) await this.recheck(viewer);
              return event;
            })
            .then(resolve, reject)
            .finally(() => (interrupt = null));
        }),
      return: async (value?: unknown) => {
        await close();
        return { done: true, value: value as T };
      },
      throw: async (error?: unknown) => {
        await close();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /**
   * One conditional UPDATE (status still one of `from`): two concurrent
   * transitions cannot both win, and the loser gets CONSENT_INVALID_STATUS.
   */
  private async transition(
    consentId: string,
    from: ConsentStatus[],
    now: Date,
    change: Partial<Consent>,
    precondition?: (consent: Consent) => void,
  ): Promise<Consent> {
    const repository = this.dataSource.getRepository(Consent);
    const current = await this.find(consentId);
    if (!current) throw new BusinessRuleError(ConsentError.CONSENT_NOT_FOUND, `No consent ${consentId}.`);
    if (!from.includes(current.status)) throw invalidStatus(current, `only ${from.join(' or ')} can become ${change.status}`);
    precondition?.(current);
    const at = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const result = await repository
      .createQueryBuilder()
      .update(Consent)
      .set({ ...change, statusUpdateDateTime: at })
      .where('id = :id AND status = :status', { id: current.id, status: current.status })
      .execute();
    const updated = (await this.find(consentId))!;
    if (!result.affected) throw invalidStatus(updated, 'it changed meanwhile');
    return updated;
  }

  /** Consents matching `filter` (analysts and the consent service), for the pagination helper. */
  query(filter: ConsentFilter): SelectQueryBuilder<Consent> {
    const query = this.dataSource.getRepository(Consent).createQueryBuilder('consent');
    if (filter.status) query.andWhere('consent.status = :status', { status: filter.status });
    if (filter.cpf) query.andWhere('consent.documentKind = :cpfKind AND consent.documentNumber = :cpf', { cpfKind: ConsentDocumentKind.CPF, cpf: filter.cpf });
    if (filter.cnpj)
      query.andWhere('consent.documentKind = :cnpjKind AND consent.documentNumber = :cnpj', { cnpjKind: ConsentDocumentKind.CNPJ, cnpj: filter.cnpj });
    if (filter.receiver) query.andWhere('consent.receiver = :receiver', { receiver: filter.receiver });
    return query;
  }
}

function invalidStatus(consent: Consent, why: string): BusinessRuleError {
  return new BusinessRuleError(ConsentError.CONSENT_INVALID_STATUS, `Consent ${consent.consentId} is ${consent.status}: ${why}.`, {
    consentStatus: consent.status,
  });
}

/** An iterator as an iterable iterator, closing with it. */
function iterableOf<T>(source: AsyncIterator<T>): AsyncIterableIterator<T> {
  return {
    next: () => source.next(),
    return: async (value?: unknown) => (await source.return?.(value)) ?? { done: true, value: value as T },
    throw: async (error?: unknown) => {
      if (source.throw) return source.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
