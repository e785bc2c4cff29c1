/**
 * Identities (issue 19, point 4): a token subject is an identity compared byte
 * for byte. A `sub` that only looks like another one (leading or trailing
 * whitespace, control, zero-width or bidi characters) is refused at
 * authentication on every transport; identity columns compare byte-exact on
 * SQLite and MariaDB alike, so four eyes holds: "ana" cannot confirm its own
 * proposal (FOUR_EYES_REQUIRED, never MANUAL_REVIEW_ALREADY_DECIDED), and
 * "Ana" is another subject on both databases.
 */
import { analystClaims, partnerClaims } from '../src/platform/security/viewer';
import { Consent } from '../src/modules/consents/consent.entity';
import { SANDBOX_REPROVED_CPFS } from '../src/modules/onboarding/registration.rules';
import { consentBearer, givenConsent } from './support/consents';
import { testDatabaseKind } from './support/database';
import { startTestGateway, TestGateway, tokenFor } from './support/gateway';
import { eventually } from './support/process';
import { REGISTER, validRegistration } from './support/registration';
import { rest } from './support/rest';
import { subscribe, wsClient } from './support/ws';

jest.setTimeout(120_000);

const CLAIM = 'mutation($d: String!) { claimManualReview(documentNumber: $d) { claimedBy } }';
const DECIDE = 'mutation($d: String!) { decideManualReview(documentNumber: $d, decision: APPROVE, justification: "Documentos conferem.") { decision } }';
const CONFIRM = 'mutation($d: String!) { confirmManualReview(documentNumber: $d) { status claimedBy confirmedBy } }';
const REVIEW = 'query { manualReviews(first: 10) { edges { node { documentNumber status claimedBy decision confirmedBy } } } }';
const codesOf = (body: { errors?: any[] }) => (body.errors ?? []).map((e) => e.extensions?.code);

/** Subjects that display as "ana" (or nearly) but are not: refused at authentication. */
const DISGUISED: [string, string][] = [
  ['a trailing space', 'ana '],
  ['a leading space', ' ana'],
  ['a trailing no-break space', 'ana\u00a0'],
  ['a trailing tab', 'ana\t'],
  ['a zero-width space', 'ana\u200b'],
  ['a zero-width joiner inside', 'a\u200dna'],
  ['a leading byte-order mark', '\ufeffana'],
  ['a right-to-left override', 'ana\u202e'],
  ['a control character', 'ana\u0007'],
];

describe(`identities on ${testDatabaseKind}`, () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('identities', { evaluationDelayMs: 100 });
  });
  afterAll(() => gw?.stop());

  describe('a disguised token subject is UNAUTHENTICATED on every transport', () => {
    it.each(DISGUISED)('HTTP: %s', async (_name, sub) => {
      const res = await gw.query('{ __typename }', {}, { authorization: `Bearer ${await tokenFor(analystClaims(sub))}` });
      expect(res.status).toBe(401);
      expect(codesOf(res.body)).toEqual(['UNAUTHENTICATED']);
      expect(res.body.errors![0].message).toMatch(/"sub" claim is not valid/);
    });

    it.each(DISGUISED)('REST: %s', async (_name, sub) => {
      // A consent whose receiver is exactly the disguised subject (written directly: createConsent refuses such a receiver),
      // so only authentication can refuse the token.
      const consent = await givenConsent(gw, { cpf: '52998224725', receiver: 'ana' });
      await gw.dataSource.getRepository(Consent).update({ id: consent.id }, { receiver: sub });
      const res = await rest(gw, '/personal/identifications', { headers: { authorization: await consentBearer({ ...consent, receiver: sub } as Consent) } });
      expect(res.status).toBe(401);
      expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['UNAUTHENTICATED']);
    });

    it.each(DISGUISED)('WebSocket: %s (connection refused, 4403)', async (_name, sub) => {
      const client = wsClient(gw.url, { authorization: `Bearer ${await tokenFor(analystClaims(sub))}` });
      try {
        const stream = subscribe(client, 'subscription { customerEvaluation(documentNumber: "52998224725") { name } }', {}, (d) => d);
        await stream.completed;
        expect(stream.received).toEqual([]);
        expect((stream.errors[0] as { code?: number }).code).toBe(4403);
      } finally {
        await client.dispose();
      }
    });

    it('a consent cannot name a disguised receiver either (its tokens could never use it)', async () => {
      const res = await gw.query('mutation($i: CreateConsentInput!) { createConsent(input: $i) { consentId } }', {
        i: {
          cpf: '52998224725',
          permissions: ['CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ'],
          receiver: 'tpp\u200b',
          expirationDateTime: new Date(Date.now() + 86_400_000).toISOString(),
        },
      });
      expect(codesOf(res.body)).toEqual(['INVALID_CHARACTERS']);
    });
  });

  it('four eyes compares subjects byte for byte: the claimant gets FOUR_EYES_REQUIRED, "Ana" is another analyst on both databases', async () => {
    const cpf = [...SANDBOX_REPROVED_CPFS][0];
    const partner = `Bearer ${await tokenFor({ ...partnerClaims('identities-partner') })}`;
    expect((await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: partner })).body.errors).toBeUndefined();
    await eventually(
      async () =>
        (await gw.query('query($d: String!) { customerRegistration(documentNumber: $d) { status } }', { d: cpf })).body.data?.customerRegistration?.status ===
        'REPROVED',
    );
    const asked = await gw.query(
      'mutation($d: String!) { requestManualReview(documentNumber: $d, reason: "Novos documentos.") { status } }',
      { d: cpf },
      { authorization: partner },
    );
    expect(asked.body.errors).toBeUndefined();

    const as = async (sub: string) => ({ authorization: `Bearer ${await tokenFor(analystClaims(sub))}` });
    expect((await gw.query(CLAIM, { d: cpf }, await as('ana'))).body.data.claimManualReview.claimedBy).toBe('ana');
    expect((await gw.query(DECIDE, { d: cpf }, await as('ana'))).body.errors).toBeUndefined();

    // Disguised versions of the claimant never reach the review.
    for (const sub of ['ana ', 'ana\u200b']) {
      const res = await gw.query(CONFIRM, { d: cpf }, await as(sub));
      expect([res.status, codesOf(res.body)]).toEqual([401, ['UNAUTHENTICATED']]);
    }
    // The claimant itself: FOUR_EYES_REQUIRED (before, on MariaDB, "ana " and "Ana" got MANUAL_REVIEW_ALREADY_DECIDED).
    expect(codesOf((await gw.query(CONFIRM, { d: cpf }, await as('ana'))).body)).toEqual(['FOUR_EYES_REQUIRED']);
    // Identity columns are byte-exact: filtering the queue by "ANA" finds nothing of ana's.
    const byUpper = await gw.query('query { manualReviews(first: 10, filter: { assignedTo: "ANA" }) { totalCount } }');
    expect(byUpper.body.data.manualReviews.totalCount).toBe(0);
    const byExact = await gw.query('query { manualReviews(first: 10, filter: { assignedTo: "ana" }) { totalCount } }');
    expect(byExact.body.data.manualReviews.totalCount).toBe(1);
    const open = (await gw.query(REVIEW)).body.data.manualReviews.edges.map((e: any) => e.node).find((n: any) => n.documentNumber === cpf);
    expect(open).toMatchObject({ status: 'OPEN', claimedBy: 'ana', decision: 'APPROVE', confirmedBy: null });

    // "Ana" is another subject (token subjects are case-sensitive): the same answer on SQLite and MariaDB.
    const confirmed = await gw.query(CONFIRM, { d: cpf }, await as('Ana'));
    expect(confirmed.body.errors).toBeUndefined();
    expect(confirmed.body.data.confirmManualReview).toEqual({ status: 'DECIDED', claimedBy: 'ana', confirmedBy: 'Ana' });
  });

  if (testDatabaseKind === 'mysql') {
    it('every identity column is utf8mb4_bin on MariaDB (migration IdentityCollation)', async () => {
      const rows: { t: string; c: string; collation: string }[] = await gw.dataSource.query(
        'SELECT table_name AS t, column_name AS c, collation_name AS collation FROM information_schema.columns WHERE table_schema = DATABASE() AND column_name IN (?)',
        [['subject', 'receiver', 'ownerSubject', 'requestedBy', 'claimedBy', 'confirmedBy', 'submittedBy', 'registeredBy']],
      );
      const identityColumns = rows.filter((row) => !(row.t === 'audit_log' && row.c !== 'subject'));
      expect(identityColumns.length).toBeGreaterThanOrEqual(9);
      for (const row of identityColumns) expect([`${row.t}.${row.c}`, row.collation]).toEqual([`${row.t}.${row.c}`, 'utf8mb4_bin']);
    });
  }
});
