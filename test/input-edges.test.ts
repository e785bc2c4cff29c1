/**
 * Edges of free text and dates, in every input that takes them:
 * - DateTime inputs (customer list filters, audit filter) accept only real
 *   calendar dates and times: 2021-02-30 is refused, not rolled over to 2 March;
 * - one text rule for every free-text input (registration fields, the `name`
 *   filter, the audit filter's strings): control characters (NUL…), line and
 *   paragraph separators, bidirectional controls, unpaired surrogates and
 *   zero-width-only values are refused with INVALID_CHARACTERS;
 * - where the read model's columns are shorter (names: 70), approval shortens
 *   on whole characters: no half surrogate pair (U+FFFD), no split cluster.
 */
import { seedCustomers } from '../src/modules/demo/generator';
import { startTestGateway, TestGateway } from './support/gateway';
import { eventually } from './support/process';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway('input-edges', { evaluationDelayMs: 100 });
  await seedCustomers(gw.dataSource, { seed: 13, personal: 6, business: 3 });
});
afterAll(() => gw?.stop());

const PERSONAL = `query($f: CustomerFilter) { personalCustomers(first: 50, filter: $f) { totalCount } }`;
const BUSINESS = `query($f: CustomerFilter) { businessCustomers(first: 50, filter: $f) { totalCount } }`;
const AUDIT = `query($f: AuditFilter) { auditLog(first: 5, filter: $f) { totalCount } }`;

type Res = Awaited<ReturnType<TestGateway['query']>>;
const codeOf = (res: Res) => res.body.errors?.[0]?.extensions?.code;
const fieldsOf = (res: Res) => (res.body.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string; code: string }) => [f.field, f.code]);

describe('date-time inputs accept only real calendar dates and times', () => {
  const IMPOSSIBLE = [
    '2021-02-30T00:00:00Z', // rolled over to 2021-03-02 before
    '2021-02-29T12:00:00Z', // 2021 is not a leap year
    '2021-04-31T00:00:00Z',
    '2021-13-01T00:00:00Z',
    '2021-00-10T00:00:00Z',
    '2021-01-00T00:00:00Z',
    '2021-01-01T24:00:00Z',
    '2021-01-01T23:60:00Z',
    '2021-01-01T23:59:60Z',
    '2021-01-01T00:00:00+24:00',
    '2021-01-01T00:00:00', // no offset: would be read in the server's local time
    '2021-1-01T00:00:00Z',
    '2021-01-01 00:00:00Z',
  ];

  it.each(IMPOSSIBLE)('refuses %s in every date-time filter (BAD_USER_INPUT, 400)', async (value) => {
    const attempts: [string, Record<string, unknown>][] = [
      [PERSONAL, { updatedFrom: value }],
      [PERSONAL, { updatedTo: value }],
      [BUSINESS, { updatedFrom: value }],
      [AUDIT, { from: value }],
      [AUDIT, { to: value }],
    ];
    for (const [query, f] of attempts) {
      const res = await gw.query(query, { f });
      expect([JSON.stringify(f), res.status, codeOf(res)]).toEqual([JSON.stringify(f), 400, 'BAD_USER_INPUT']);
      expect(res.body.errors![0].message).toMatch(/real calendar date/);
      expect(res.body.data).toBeUndefined();
    }
  });

  it('refuses an impossible date written in the document too (GRAPHQL_VALIDATION_FAILED, 400)', async () => {
    const res = await gw.query(`{ personalCustomers(first: 5, filter: { updatedFrom: "2021-02-30T00:00:00Z" }) { totalCount } }`);
    expect([res.status, codeOf(res)]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    expect(res.body.errors![0].message).toMatch(/real calendar date/);
  });

  it('accepts real ones: 29 February of a leap year, offsets, fractions', async () => {
    for (const value of ['2020-02-29T23:59:59Z', '2021-05-21T08:30:00-03:00', '2021-05-21T08:30:00.250Z', '1999-12-31T23:59:59+14:00']) {
      for (const [query, f] of [
        [PERSONAL, { updatedFrom: value }],
        [AUDIT, { from: value }],
      ] as const) {
        const res = await gw.query(query, { f });
        expect([value, res.body.errors]).toEqual([value, undefined]);
      }
    }
    const all = (await gw.query(PERSONAL, { f: { updatedFrom: '2000-01-01T00:00:00-03:00', updatedTo: '2100-01-01T00:00:00Z' } })).body.data.personalCustomers
      .totalCount;
    expect(all).toBe((await gw.query(PERSONAL, {})).body.data.personalCustomers.totalCount);
  });
});

/** One value per kind of character the text rule refuses. */
const BAD_TEXT: [kind: string, value: string][] = [
  ['NUL', 'Silva\u0000'],
  ['a lone NUL', '\u0000'],
  ['a line break', 'Silva\nSouza'],
  ['DEL', 'Silva\u007f'],
  ['a C1 control', 'Silva\u0085'],
  ['a line separator (U+2028)', 'Silva\u2028Souza'],
  ['a paragraph separator (U+2029)', 'Silva\u2029'],
  ['a right-to-left override (U+202E)', 'Ana \u202eatsiroF'],
  ['a left-to-right embedding (U+202A)', '\u202aAna'],
  ['a first-strong isolate (U+2068)', 'Ana\u2068 Maria\u2069'],
  ['a right-to-left mark (U+200F)', 'Ana\u200f'],
  ['zero-width spaces only', '\u200b\u200b\u200b'],
  ['zero-width joiner and word joiner only', '\u200d\u2060'],
  ['a BOM between spaces', ' \ufeff '],
  ['Hangul fillers only', '\u3164\u3164'],
  ['an unpaired surrogate', 'Silva\ud800'],
];

describe('one text rule for every free-text filter', () => {
  it.each(BAD_TEXT)('name filter with %s → INVALID_CHARACTERS on filter.name (personal and business)', async (_kind, value) => {
    for (const query of [PERSONAL, BUSINESS]) {
      const res = await gw.query(query, { f: { name: value } });
      expect(codeOf(res)).toBe('INVALID_CHARACTERS');
      expect(fieldsOf(res)).toEqual([['filter.name', 'INVALID_CHARACTERS']]);
      expect(res.body.data).toBeNull();
    }
  });

  it('a NUL in the name no longer matches every customer (it matched all on SQLite)', async () => {
    const res = await gw.query(PERSONAL, { f: { name: '\u0000' } });
    expect(codeOf(res)).toBe('INVALID_CHARACTERS');
  });

  it.each(BAD_TEXT)('audit filter strings with %s → INVALID_CHARACTERS on each field', async (_kind, value) => {
    const res = await gw.query(AUDIT, { f: { subject: value, customerDocument: value, interactionId: value } });
    expect(codeOf(res)).toBe('INVALID_PARAMETER');
    expect(fieldsOf(res)).toEqual([
      ['filter.customerDocument', 'INVALID_CHARACTERS'],
      ['filter.subject', 'INVALID_CHARACTERS'],
      ['filter.interactionId', 'INVALID_CHARACTERS'],
    ]);
  });

  it('ordinary names still filter: accents, apostrophes, emoji, a zero-width joiner inside a word', async () => {
    const [{ civilName }] = await gw.dataSource.query('SELECT civilName FROM personal_identifications ORDER BY id LIMIT 1');
    const part = String(civilName).split(' ')[0];
    const res = await gw.query(PERSONAL, { f: { name: part } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.personalCustomers.totalCount).toBeGreaterThan(0);
    for (const name of ['Conceição', "D'Ávila", 'José 😀', 'ab\u200dcd']) {
      const other = await gw.query(PERSONAL, { f: { name } });
      expect([name, other.body.errors]).toEqual([name, undefined]);
    }
  });
});

const TABLES = ['customer_registrations', 'evaluation_jobs', 'customer_events'] as const;
/** The row count of each table, in one statement (this runs twice per refused input, some 300 times per database). */
async function rowCounts(): Promise<Record<string, number>> {
  const [row] = await gw.dataSource.query(`SELECT ${TABLES.map((table) => `(SELECT COUNT(*) FROM ${table}) AS ${table}`).join(', ')}`);
  return Object.fromEntries(TABLES.map((table) => [table, Number(row[table])]));
}

describe('the same text rule on every registration field', () => {
  const FIELDS: [path: string, set: (input: any, value: string) => void][] = [
    ['input.registerName', (i, v) => (i.registerName = v)],
    ['input.socialName', (i, v) => (i.socialName = v)],
    ['input.motherName', (i, v) => (i.motherName = v)],
    ['input.address.addressLine', (i, v) => (i.address.addressLine = v)],
    ['input.address.complement', (i, v) => (i.address.complement = v)],
    ['input.address.neighborhood', (i, v) => (i.address.neighborhood = v)],
    ['input.address.city', (i, v) => (i.address.city = v)],
  ];

  it.each(BAD_TEXT)('refuses %s in each name and address field (INVALID_CHARACTERS), writing nothing', async (_kind, value) => {
    for (const [path, set] of FIELDS) {
      const input = validRegistration();
      set(input, value);
      const before = await rowCounts();
      const res = await gw.query(REGISTER, { documentNumber: uniqueCpf(), input });
      expect([path, codeOf(res)]).toEqual([path, 'INVALID_CHARACTERS']);
      expect(fieldsOf(res)).toEqual([[path, 'INVALID_CHARACTERS']]);
      expect(res.body.data).toBeNull();
      expect(await rowCounts()).toEqual(before);
    }
  });

  it('counts lengths in characters, not UTF-16 units: 200 emoji are a valid 200-character name', async () => {
    const res = await gw.query(REGISTER, { documentNumber: uniqueCpf(), input: validRegistration({ registerName: '😀'.repeat(200) }) });
    expect(res.body.errors).toBeUndefined();
    const tooLong = await gw.query(REGISTER, { documentNumber: uniqueCpf(), input: validRegistration({ registerName: '😀'.repeat(257) }) });
    expect(fieldsOf(tooLong)).toEqual([['input.registerName', 'TOO_LONG']]);
  });
});

describe('approval shortens texts to the read model on whole characters', () => {
  it('never splits a surrogate pair or a grapheme cluster (no U+FFFD in the customer)', async () => {
    const cpf = uniqueCpf();
    const a69 = 'A'.repeat(69);
    const input = validRegistration({
      registerName: `${a69}😀 Souza`, // the emoji is characters 70 (2 UTF-16 units): kept whole
      socialName: `${'B'.repeat(69)}👍🏽 Lima`, // thumbs up + skin tone: one cluster of 2 characters, does not fit in 70
      motherName: `${'C'.repeat(69)}e\u0301 Silva`, // e + combining acute: one cluster, does not fit
    });
    input.address.neighborhood = `${'D'.repeat(49)}🇧🇷 Centro`; // a flag is 2 regional indicators: one cluster
    const registered = await gw.query(REGISTER, { documentNumber: cpf, input });
    expect(registered.body.errors).toBeUndefined();
    await eventually(
      async () =>
        (await gw.query(`query($d: String!) { customerRegistration(documentNumber: $d) { status } }`, { d: cpf })).body.data.customerRegistration.status ===
        'APPROVED',
    );

    const res = await gw.query(
      `query($c: String!) { personalCustomer(cpfNumber: $c) { identifications {
      civilName socialName filiation { civilName } contacts { postalAddresses { districtName } } } } }`,
      { c: cpf },
    );
    const [identification] = res.body.data.personalCustomer.identifications;
    expect(identification.civilName).toBe(`${a69}😀`);
    expect(identification.socialName).toBe('B'.repeat(69));
    expect(identification.filiation[0].civilName).toBe('C'.repeat(69));
    expect(identification.contacts.postalAddresses[0].districtName).toBe('D'.repeat(49));
    expect(JSON.stringify(res.body)).not.toContain('\ufffd');
  });
});
