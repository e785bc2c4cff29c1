/**
 * Every registration rule of registerCustomer (Bankly's PUT /customers/{documentNumber}),
 * exercised over HTTP, one case per rule. A rejected request must name each offending
 * field with its stable code and leave no trace in the database.
 */
import blockedCallingCodesFile from '../src/modules/onboarding/data/blocked-country-calling-codes.json';
import { Email } from '../src/modules/customers/contacts/contact.entities';
import { startTestGateway, TestGateway } from './support/gateway';
import { eventually } from './support/process';
import { REGISTER, uniqueCpf, uniqueMobile, validRegistration } from './support/registration';

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

type Input = ReturnType<typeof validRegistration> & Record<string, any>;
/** [field path as reported in extensions.fields, stable code] */
type Violation = [field: string, code: string];

/** Marks a field to delete in `registration()`. */
const OMIT = Symbol('omit');

/** A valid input (fresh e-mail and phone) with some fields changed, by dotted path: { 'address.state': 'XX' }. */
function registration(changes: Record<string, unknown> = {}): Input {
  const input = validRegistration() as Input;
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    const last = keys.pop()!;
    const parent = keys.reduce((node, key) => node[key], input as Record<string, any>);
    if (value === OMIT) delete parent[last];
    else parent[last] = value;
  }
  return input;
}

const TABLES = ['customer_registrations', 'evaluation_jobs', 'customer_events'] as const;

async function rowCounts(g: TestGateway): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [{ n }] = await g.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number(n);
  }
  return counts;
}

const byField = (a: Violation, b: Violation) => (a[0] + a[1]).localeCompare(b[0] + b[1]);

/** Sends the registration and asserts: one error, the expected code and field list, and nothing written. */
async function expectRejected(g: TestGateway, documentNumber: string, input: unknown, violations: Violation[]) {
  const before = await rowCounts(g);
  const res = await g.query(REGISTER, { documentNumber, input });
  expect(res.status).toBe(200);
  expect(res.body.data).toBeNull();
  expect(res.body.errors).toHaveLength(1);
  const [error] = res.body.errors!;
  expect(error.path).toEqual(['registerCustomer']);
  expect(error.extensions?.code).toBe(violations.length === 1 ? violations[0][1] : 'INVALID_PARAMETER');
  const fields = error.extensions?.fields as { field: string; code: string; message: string }[];
  expect(fields.map((f): Violation => [f.field, f.code]).sort(byField)).toEqual([...violations].sort(byField));
  for (const f of fields) expect(f.message).toEqual(expect.any(String));
  expect(await rowCounts(g)).toEqual(before);
  return error;
}

/** Sends the registration and asserts it was accepted: one registration, one job, one event more. */
async function expectAccepted(g: TestGateway, documentNumber: string, input: unknown) {
  const before = await rowCounts(g);
  const res = await g.query(REGISTER, { documentNumber, input });
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.registerCustomer).toMatchObject({ documentNumber, status: 'PENDING_APPROVAL' });
  expect(await rowCounts(g)).toEqual(Object.fromEntries(TABLES.map((t) => [t, before[t] + 1])));
}

/** Sends an input GraphQL itself refuses (variable coercion): BAD_USER_INPUT naming the field, nothing written. */
async function expectGraphQLRefusal(g: TestGateway, input: unknown, mentions: RegExp) {
  const before = await rowCounts(g);
  const res = await g.query(REGISTER, { documentNumber: uniqueCpf(), input });
  expect(res.status).toBe(400);
  expect(res.body.data).toBeUndefined();
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(res.body.errors![0].message).toMatch(mentions);
  expect(await rowCounts(g)).toEqual(before);
}

async function storedRow(g: TestGateway, documentNumber: string): Promise<Record<string, unknown>> {
  const rows = await g.dataSource.query('SELECT * FROM customer_registrations WHERE documentNumber = ?', [documentNumber]);
  expect(rows).toHaveLength(1);
  return rows[0];
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

/** The latest birth date that is 18 years old today (UTC), and the day after it (17, one day short). */
function eighteenthBirthday(): { turns18Today: string; oneDayShort: string } {
  const now = new Date();
  const [year, month, day] = [now.getUTCFullYear() - 18, now.getUTCMonth(), now.getUTCDate()];
  let birth = new Date(Date.UTC(year, month, day));
  // Today is 29 February: eighteen years ago was not a leap year, so the birthday was 28 February.
  if (birth.getUTCMonth() !== month) birth = new Date(Date.UTC(year, month, day - 1));
  return { turns18Today: isoDate(birth), oneDayShort: isoDate(new Date(birth.getTime() + DAY_MS)) };
}

function withWrongCheckDigit(cpf: string, index: 9 | 10): string {
  return cpf.slice(0, index) + String((Number(cpf[index]) + 1) % 10) + cpf.slice(index + 1);
}

const masked = (cpf: string) => `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`;
const HEX32 = 'ce1849509a3f4625867ead5768d5b068';
const freshEmail = (tag: string) => `${tag}.${Math.random().toString(36).slice(2, 10)}@example.com.br`;

// ---------------------------------------------------------------------------
// Expected data, written from the seed (Bankly, "Países bloqueados para Onboarding")
// ---------------------------------------------------------------------------

const SEED_BLOCKED_COUNTRY_CALLING_CODES: [code: string, country: string][] = [
  ['355', 'Albânia'],
  ['375', 'Bielorrússia'],
  ['387', 'Bósnia e Herzegovina'],
  ['359', 'Bulgária'],
  ['257', 'Burundi'],
  ['850', 'Coréia do Norte'],
  ['385', 'Croácia'],
  ['53', 'Cuba'],
  ['386', 'Eslovênia'],
  ['967', 'Iémen'],
  ['98', 'Irã'],
  ['964', 'Iraque'],
  ['961', 'Líbano'],
  ['218', 'Líbia'],
  ['389', 'Macedônia do Norte'],
  ['382', 'Montenegro'],
  ['236', 'República Centro-Africana'],
  ['242', 'República do Congo'],
  ['243', 'República Democrática do Congo'],
  ['40', 'Romênia'],
  ['7', 'Rússia'],
  ['381', 'Sérvia'],
  ['963', 'Síria'],
  ['252', 'Somália'],
  ['249', 'Sudão'],
  ['211', 'Sudão do Sul'],
  ['58', 'Venezuela'],
  ['263', 'Zimbábue'],
];

const REQUIRED_FIELDS = [
  'registerName',
  'birthDate',
  'phone.countryCode',
  'phone.number',
  'address.zipCode',
  'address.addressLine',
  'address.buildingNumber',
  'address.neighborhood',
  'address.city',
  'address.state',
  'address.country',
  'occupation',
  'motherName',
  'email',
  'documentation.selfie',
  'documentation.idCardFront',
  'documentation.idCardBack',
];

// ---------------------------------------------------------------------------
// The table of rejections: one case per rule
// ---------------------------------------------------------------------------

interface RejectCase {
  name: string;
  documentNumber?: () => string;
  input?: () => unknown;
  violations: Violation[];
}

const { turns18Today, oneDayShort } = eighteenthBirthday();
const tomorrow = isoDate(new Date(Date.now() + DAY_MS));

const REJECTIONS: RejectCase[] = [
  // documentNumber: the CPF, 11 digits, no mask, valid check digits
  ...[
    { name: 'CPF with a wrong first check digit', cpf: () => withWrongCheckDigit(uniqueCpf(), 9) },
    { name: 'CPF with a wrong second check digit', cpf: () => withWrongCheckDigit(uniqueCpf(), 10) },
    { name: 'CPF with 10 digits', cpf: () => uniqueCpf().slice(0, 10) },
    { name: 'CPF with 12 digits', cpf: () => `${uniqueCpf()}0` },
    { name: 'CPF with mask', cpf: () => masked(uniqueCpf()) },
    { name: 'CPF of one repeated digit', cpf: () => '11111111111' },
    { name: 'CPF with letters', cpf: () => 'abcdefghijk' },
    { name: 'CPF with surrounding spaces', cpf: () => ` ${uniqueCpf()} ` },
    { name: 'empty CPF', cpf: () => '' },
  ].map(({ name, cpf }): RejectCase => ({ name, documentNumber: cpf, violations: [['documentNumber', 'INVALID_CPF']] })),

  // Every required string, empty or blank
  ...REQUIRED_FIELDS.flatMap((path) =>
    (['', '   '] as const).map((blank): RejectCase => ({
      name: `${path} = ${JSON.stringify(blank)}`,
      input: () => registration({ [path]: blank }),
      violations: [[`input.${path}`, 'REQUIRED']],
    })),
  ),

  // Names: 256 characters at most
  { name: 'registerName of 257 characters', input: () => registration({ registerName: 'N'.repeat(257) }), violations: [['input.registerName', 'TOO_LONG']] },
  { name: 'socialName of 257 characters', input: () => registration({ socialName: 'N'.repeat(257) }), violations: [['input.socialName', 'TOO_LONG']] },
  { name: 'motherName of 257 characters', input: () => registration({ motherName: 'D'.repeat(257) }), violations: [['input.motherName', 'TOO_LONG']] },
  {
    name: 'registerName with a NUL character',
    input: () => registration({ registerName: 'Ana\u0000Maria' }),
    violations: [['input.registerName', 'INVALID_CHARACTERS']],
  },
  { name: 'motherName with a line break', input: () => registration({ motherName: 'Maria\nSilva' }), violations: [['input.motherName', 'INVALID_CHARACTERS']] },
  {
    name: 'address.complement with an escape character',
    input: () => registration({ 'address.complement': 'Apto \u001b[31m' }),
    violations: [['input.address.complement', 'INVALID_CHARACTERS']],
  },

  // birthDate: YYYY-MM-DD, a real date, not in the future, 18 or older
  { name: 'birthDate one day short of 18 years (UTC)', input: () => registration({ birthDate: oneDayShort }), violations: [['input.birthDate', 'UNDERAGE']] },
  { name: 'birthDate today', input: () => registration({ birthDate: isoDate(new Date()) }), violations: [['input.birthDate', 'UNDERAGE']] },
  { name: 'birthDate tomorrow (future)', input: () => registration({ birthDate: tomorrow }), violations: [['input.birthDate', 'INVALID_DATE']] },
  { name: 'birthDate in 2999 (future)', input: () => registration({ birthDate: '2999-01-01' }), violations: [['input.birthDate', 'INVALID_DATE']] },
  ...['12/10/1990', '1990-10-1', '19901012', '1990-10-12T00:00:00Z', '2001-02-30', '2001-13-01', '2001-00-10', '2023-02-29'].map((birthDate): RejectCase => ({
    name: `birthDate ${birthDate}`,
    input: () => registration({ birthDate }),
    violations: [['input.birthDate', 'INVALID_DATE']],
  })),

  // phone.countryCode: digits only, no leading zero (blocked list: see its own test below)
  ...['+55', '0055', '007', '055', '1234', 'BR'].map((countryCode): RejectCase => ({
    name: `phone.countryCode ${countryCode}`,
    input: () => registration({ 'phone.countryCode': countryCode, 'phone.number': '912345678' }),
    violations: [['input.phone.countryCode', 'INVALID_FORMAT']],
  })),

  // phone.number for 55: a Brazilian mobile (valid DDD + 9 digits starting with 9)
  ...[
    ['landline', '9333334444'],
    ['landline with 11 digits', '93833334444'],
    ['DDD 23 (not assigned)', '23987654321'],
    ['DDD 10', '10987654321'],
    ['too short', '9399999'],
    ['too long', '939999999999'],
    ['with mask', '(93) 99999-9999'],
    ['with +55 prefix', '+5593999999999'],
  ].map(([what, number]): RejectCase => ({
    name: `phone.number for 55: ${what}`,
    input: () => registration({ 'phone.number': number }),
    violations: [['input.phone.number', 'INVALID_MOBILE_NUMBER']],
  })),
  {
    name: 'phone.number for a foreign code: too short',
    input: () => registration({ 'phone.countryCode': '351', 'phone.number': '12345' }),
    violations: [['input.phone.number', 'INVALID_MOBILE_NUMBER']],
  },

  // email: format and 320 characters at most
  ...['nisia', 'nisia@', '@example.com', 'nisia@example', 'nisia floresta@example.com', 'nisia@@example.com', 'nisia@exa_mple.com', 'nisia@example..com'].map(
    (email): RejectCase => ({ name: `email ${email}`, input: () => registration({ email }), violations: [['input.email', 'INVALID_EMAIL']] }),
  ),
  { name: 'email of 321 characters', input: () => registration({ email: `${'n'.repeat(309)}@example.com` }), violations: [['input.email', 'TOO_LONG']] },

  // occupation: OCP + 4 digits, and in the table
  ...['OCP0000', 'OCP0106', 'ocp0001', 'OCP12', 'OCP00001', 'XYZ0001', ' OCP0001'].map((occupation): RejectCase => ({
    name: `occupation ${JSON.stringify(occupation)}`,
    input: () => registration({ occupation }),
    violations: [['input.occupation', 'INVALID_OCCUPATION']],
  })),

  // address
  ...['68060-100', '6806010', 'ABCDEFGH'].map((zipCode): RejectCase => ({
    name: `address.zipCode ${zipCode}`,
    input: () => registration({ 'address.zipCode': zipCode }),
    violations: [['input.address.zipCode', 'INVALID_FORMAT']],
  })),
  ...['XX', 'NA', 'sp', 'SPA', 'São Paulo'].map((state): RejectCase => ({
    name: `address.state ${state}`,
    input: () => registration({ 'address.state': state }),
    violations: [['input.address.state', 'INVALID_STATE']],
  })),
  ...['BRA', 'br', 'PT', 'Brasil'].map((country): RejectCase => ({
    name: `address.country ${country}`,
    input: () => registration({ 'address.country': country }),
    violations: [['input.address.country', 'INVALID_COUNTRY']],
  })),
  ...['addressLine', 'neighborhood', 'city', 'complement'].map((field): RejectCase => ({
    name: `address.${field} of 257 characters`,
    input: () => registration({ [`address.${field}`]: 'ã'.repeat(257) }),
    violations: [[`input.address.${field}`, 'TOO_LONG']],
  })),
  {
    name: 'address.buildingNumber of 11 characters',
    input: () => registration({ 'address.buildingNumber': '12345678901' }),
    violations: [['input.address.buildingNumber', 'TOO_LONG']],
  },
  ...['s/n', 'S/n', 's/N'].map((buildingNumber): RejectCase => ({
    name: `address.buildingNumber ${buildingNumber}`,
    input: () => registration({ 'address.buildingNumber': buildingNumber }),
    violations: [['input.address.buildingNumber', 'INVALID_FORMAT']],
  })),

  // assertedIncome: 0.00 to 99999999999999.99, two decimals at most, BRL by default
  ...(
    [
      ['100000000000000.00', 'OUT_OF_RANGE'],
      ['100000000000000', 'OUT_OF_RANGE'],
      ['99999999999999.991', 'TOO_MANY_DECIMALS'],
      [10.123, 'TOO_MANY_DECIMALS'],
      ['10.001', 'TOO_MANY_DECIMALS'],
      [-1, 'INVALID_AMOUNT'],
      ['-0.01', 'INVALID_AMOUNT'],
      ['1,50', 'INVALID_AMOUNT'],
      ['1e3', 'INVALID_AMOUNT'],
      ['abc', 'INVALID_AMOUNT'],
      ['', 'INVALID_AMOUNT'],
    ] as [string | number, string][]
  ).map(([value, code]): RejectCase => ({
    name: `assertedIncome.value ${JSON.stringify(value)}`,
    input: () => registration({ 'assertedIncome.value': value }),
    violations: [['input.assertedIncome.value', code]],
  })),
  ...['brl', 'REAL', 'R$'].map((currency): RejectCase => ({
    name: `assertedIncome.currency ${currency}`,
    input: () => registration({ 'assertedIncome.currency': currency }),
    violations: [['input.assertedIncome.currency', 'INVALID_CURRENCY']],
  })),

  // documentation: document-analysis tokens, 32 hexadecimal characters
  ...(
    [
      ['selfie', 'abc'],
      ['selfie', HEX32.slice(0, 31)],
      ['idCardFront', `${HEX32}0`],
      ['idCardFront', 'g'.repeat(32)],
      ['idCardBack', 'ce184950-9a3f-4625-867e-ad5768d5b068'],
      ['idCardBack', ` ${HEX32.slice(1)}`],
    ] as const
  ).map(([side, token]): RejectCase => ({
    name: `documentation.${side} ${JSON.stringify(token)}`,
    input: () => registration({ [`documentation.${side}`]: token }),
    violations: [[`input.documentation.${side}`, 'INVALID_DOCUMENT_TOKEN']],
  })),

  // All violations at once
  {
    name: 'several violations in one request',
    documentNumber: () => masked(uniqueCpf()),
    input: () =>
      registration({
        registerName: ' ',
        birthDate: '2001-02-30',
        'phone.countryCode': '7',
        'address.state': 'XX',
        'address.country': 'PT',
        'address.city': 'c'.repeat(257),
        'assertedIncome.value': 10.123,
        occupation: 'OCP0106',
        email: 'nisia@',
        'documentation.idCardBack': 'nope',
      }),
    violations: [
      ['documentNumber', 'INVALID_CPF'],
      ['input.registerName', 'REQUIRED'],
      ['input.birthDate', 'INVALID_DATE'],
      ['input.phone.countryCode', 'COUNTRY_CODE_BLOCKED'],
      ['input.address.state', 'INVALID_STATE'],
      ['input.address.country', 'INVALID_COUNTRY'],
      ['input.address.city', 'TOO_LONG'],
      ['input.assertedIncome.value', 'TOO_MANY_DECIMALS'],
      ['input.occupation', 'INVALID_OCCUPATION'],
      ['input.email', 'INVALID_EMAIL'],
      ['input.documentation.idCardBack', 'INVALID_DOCUMENT_TOKEN'],
    ],
  },
];

// ---------------------------------------------------------------------------
// The table of acceptances at the boundaries, with what must be stored
// ---------------------------------------------------------------------------

interface AcceptCase {
  name: string;
  input: () => Input;
  /** Columns of customer_registrations and their expected text. */
  stored?: Record<string, string | null>;
}

const ACCEPTANCES: AcceptCase[] = [
  { name: 'birthDate exactly 18 years ago today (UTC)', input: () => registration({ birthDate: turns18Today }), stored: { birthDate: turns18Today } },
  { name: 'birthDate on 29 February of a leap year', input: () => registration({ birthDate: '2000-02-29' }) },
  {
    name: 'foreign, non-blocked code 351 with 9 digits',
    input: () => registration({ 'phone.countryCode': '351', 'phone.number': '912345678' }),
    stored: { phoneCountryCode: '351', phoneNumber: '912345678', phoneKey: '351:912345678' },
  },
  { name: 'occupation OCP0001', input: () => registration({ occupation: 'OCP0001' }), stored: { occupation: 'OCP0001' } },
  { name: 'occupation OCP0105', input: () => registration({ occupation: 'OCP0105' }), stored: { occupation: 'OCP0105' } },
  {
    name: 'address.addressLine of 256 characters',
    input: () => registration({ 'address.addressLine': 'ã'.repeat(256) }),
    stored: { addressAddressLine: 'ã'.repeat(256) },
  },
  {
    name: 'address.neighborhood of 256 characters',
    input: () => registration({ 'address.neighborhood': 'ã'.repeat(256) }),
    stored: { addressNeighborhood: 'ã'.repeat(256) },
  },
  { name: 'address.city of 256 characters', input: () => registration({ 'address.city': 'a'.repeat(256) }), stored: { addressCity: 'a'.repeat(256) } },
  {
    name: 'address.buildingNumber of 10 characters',
    input: () => registration({ 'address.buildingNumber': '1234567890' }),
    stored: { addressBuildingNumber: '1234567890' },
  },
  { name: 'address.buildingNumber S/N', input: () => registration({ 'address.buildingNumber': 'S/N' }), stored: { addressBuildingNumber: 'S/N' } },
  { name: 'assertedIncome.value 0', input: () => registration({ 'assertedIncome.value': 0 }), stored: { assertedIncomeValue: '0.00' } },
  { name: 'assertedIncome.value "0.00"', input: () => registration({ 'assertedIncome.value': '0.00' }), stored: { assertedIncomeValue: '0.00' } },
  { name: 'assertedIncome.value 1234.5', input: () => registration({ 'assertedIncome.value': 1234.5 }), stored: { assertedIncomeValue: '1234.50' } },
  { name: 'assertedIncome.currency omitted → BRL', input: () => registration({ 'assertedIncome.currency': OMIT }), stored: { assertedIncomeCurrency: 'BRL' } },
  { name: 'assertedIncome.currency null → BRL', input: () => registration({ 'assertedIncome.currency': null }), stored: { assertedIncomeCurrency: 'BRL' } },
  { name: 'documentation tokens in upper-case hex', input: () => registration({ 'documentation.selfie': HEX32.toUpperCase() }) },
  { name: 'socialName omitted', input: () => registration({ socialName: OMIT }), stored: { socialName: null } },
  { name: 'socialName blank is treated as absent', input: () => registration({ socialName: '   ' }), stored: { socialName: null } },
  { name: 'address.complement empty', input: () => registration({ 'address.complement': '' }), stored: { addressComplement: null } },
  {
    name: 'email with capitals, stored in lower case',
    input: () => registration({ email: 'Nisia.Floresta.CAPS@Example.COM.br' }),
    stored: { email: 'nisia.floresta.caps@example.com.br' },
  },
];

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

let gw: TestGateway;
beforeAll(async () => {
  // No decision may happen during this file: the worker would write events and skew the row counts.
  gw = await startTestGateway('onboarding-rules', { evaluationDelayMs: 3_600_000 });
});
afterAll(() => gw.stop());

describe('registerCustomer rejects each rule violation with its field and code, writing nothing', () => {
  it.each(REJECTIONS)('$name', async ({ documentNumber = uniqueCpf, input = () => registration(), violations }) => {
    await expectRejected(gw, documentNumber(), input(), violations);
  });
});

describe('registerCustomer accepts the boundaries and stores them exactly', () => {
  it.each(ACCEPTANCES)('$name', async ({ input, stored }) => {
    const cpf = uniqueCpf();
    await expectAccepted(gw, cpf, input());
    if (stored) {
      const row = await storedRow(gw, cpf);
      for (const [column, value] of Object.entries(stored)) expect([column, row[column] === null ? null : String(row[column])]).toEqual([column, value]);
    }
  });

  it('stores 99999999999999.99 (given as a string) to the cent and answers it', async () => {
    const cpf = uniqueCpf();
    await expectAccepted(gw, cpf, registration({ 'assertedIncome.value': '99999999999999.99' }));
    const row = await storedRow(gw, cpf);
    // DECIMAL(16,2) on MariaDB (a string through mysql2), canonical text on SQLite: never a double.
    expect(typeof row.assertedIncomeValue).toBe('string');
    expect(row.assertedIncomeValue).toBe('99999999999999.99');
    const [{ text }] = await gw.dataSource.query(`SELECT CAST(assertedIncomeValue AS CHAR(20)) AS text FROM customer_registrations WHERE documentNumber = ?`, [
      cpf,
    ]);
    expect(text).toBe('99999999999999.99');

    const res = await gw.query('query($d: String!) { customerRegistration(documentNumber: $d) { assertedIncome { value currency } } }', { d: cpf });
    expect(res.body.errors).toBeUndefined();
    // Amount is a JSON number: the answer is the double nearest to the stored decimal
    // (16 significant digits is past a double's exact range, so its shortest JSON text reads …98).
    expect(res.body.data.customerRegistration.assertedIncome).toEqual({ value: Number('99999999999999.99'), currency: 'BRL' });
  });
});

describe('blocked country calling codes', () => {
  it('the data file holds exactly the 28 codes of the seed', () => {
    expect(SEED_BLOCKED_COUNTRY_CALLING_CODES).toHaveLength(28);
    const fromFile = blockedCallingCodesFile.codes.map((c): [string, string] => [c.code, c.country]);
    const sort = (list: [string, string][]) => [...list].sort((a, b) => a[0].localeCompare(b[0]));
    expect(sort(fromFile)).toEqual(sort(SEED_BLOCKED_COUNTRY_CALLING_CODES));
  });

  it.each(SEED_BLOCKED_COUNTRY_CALLING_CODES)('+%s (%s) → COUNTRY_CODE_BLOCKED', async (code) => {
    await expectRejected(gw, uniqueCpf(), registration({ 'phone.countryCode': code, 'phone.number': '912345678' }), [
      ['input.phone.countryCode', 'COUNTRY_CODE_BLOCKED'],
    ]);
  });
});

describe('inputs GraphQL itself refuses (BAD_USER_INPUT, HTTP 400, nothing written)', () => {
  it.each([
    ['email', /Field "email" of required type "String!" was not provided/],
    ['birthDate', /Field "birthDate" of required type "String!" was not provided/],
    ['address.city', /Field "city" of required type "String!" was not provided/],
    ['phone', /Field "phone" of required type "PhoneInput!" was not provided/],
    ['documentation.selfie', /Field "selfie" of required type "String!" was not provided/],
    ['assertedIncome.value', /Field "value" of required type "Decimal!" was not provided/],
    ['pep', /Field "pep" of required type "PepInput!" was not provided/],
  ])('%s omitted', async (path, mentions) => {
    await expectGraphQLRefusal(gw, registration({ [path]: OMIT }), mentions);
  });

  it('pep.level outside NONE / SELF / RELATED', async () => {
    await expectGraphQLRefusal(gw, registration({ 'pep.level': 'MAYBE' }), /"MAYBE".*PepLevel|PepLevel.*"MAYBE"/s);
  });

  it('declaredIncome outside its enumeration', async () => {
    await expectGraphQLRefusal(gw, registration({ declaredIncome: 'A_LOT' }), /DeclaredIncome/);
  });
});

describe('e-mail and phone belong to one customer only', () => {
  it('refuses the e-mail (any case) and the phone of a pending registration for another CPF', async () => {
    const first = registration();
    await expectAccepted(gw, uniqueCpf(), first);

    await expectRejected(gw, uniqueCpf(), registration({ email: first.email }), [['input.email', 'EMAIL_ALREADY_IN_USE']]);
    await expectRejected(gw, uniqueCpf(), registration({ email: first.email.toUpperCase() }), [['input.email', 'EMAIL_ALREADY_IN_USE']]);
    await expectRejected(gw, uniqueCpf(), registration({ 'phone.number': first.phone.number }), [['input.phone.number', 'PHONE_ALREADY_IN_USE']]);
    await expectRejected(gw, uniqueCpf(), registration({ email: first.email, 'phone.number': first.phone.number }), [
      ['input.email', 'EMAIL_ALREADY_IN_USE'],
      ['input.phone.number', 'PHONE_ALREADY_IN_USE'],
    ]);
    // The same number under another country code is another phone.
    await expectAccepted(gw, uniqueCpf(), registration({ 'phone.countryCode': '1', 'phone.number': first.phone.number }));
  });

  it('refuses the e-mail and phone of an approved customer of the read model for another CPF', async () => {
    const fast = await startTestGateway('onboarding-rules-approved', { evaluationDelayMs: 200 });
    try {
      const approvedCpf = uniqueCpf();
      const approved = registration({ email: freshEmail('approved') });
      // Not expectAccepted: its row counts would race the 200 ms evaluation (its events and job updates may land
      // before the second count under load). Accepted means one registration row more; the decision is awaited below.
      const registrations = async () => Number((await fast.dataSource.query('SELECT COUNT(*) AS n FROM customer_registrations'))[0].n);
      const registrationsBefore = await registrations();
      const accepted = await fast.query(REGISTER, { documentNumber: approvedCpf, input: approved });
      expect(accepted.body.errors).toBeUndefined();
      expect(accepted.body.data.registerCustomer).toMatchObject({ documentNumber: approvedCpf, status: 'PENDING_APPROVAL' });
      expect(await registrations()).toBe(registrationsBefore + 1);
      const decided = await eventually(
        async () => {
          const res = await fast.query('query($d: String!) { customerRegistration(documentNumber: $d) { status } }', { d: approvedCpf });
          const status: string | undefined = res.body.data?.customerRegistration?.status;
          return status && status !== 'PENDING_APPROVAL' && status;
        },
        15_000,
        20,
      );
      expect(decided).toBe('APPROVED');
      expect(await fast.dataSource.getRepository(Email).countBy({ email: approved.email })).toBe(1);

      const emailTaken: Violation[] = [['input.email', 'EMAIL_ALREADY_IN_USE']];
      const phoneTaken: Violation[] = [['input.phone.number', 'PHONE_ALREADY_IN_USE']];
      await expectRejected(fast, uniqueCpf(), registration({ email: approved.email }), emailTaken);
      await expectRejected(fast, uniqueCpf(), registration({ 'phone.number': approved.phone.number }), phoneTaken);

      // Now only the read model knows them: the registration row moves to other contacts.
      await fast.dataSource.query('UPDATE customer_registrations SET email = ?, phoneKey = ? WHERE documentNumber = ?', [
        freshEmail('moved'),
        `55:${uniqueMobile()}`,
        approvedCpf,
      ]);
      await expectRejected(fast, uniqueCpf(), registration({ email: approved.email }), emailTaken);
      await expectRejected(fast, uniqueCpf(), registration({ email: approved.email.toUpperCase() }), emailTaken);
      await expectRejected(fast, uniqueCpf(), registration({ 'phone.number': approved.phone.number }), phoneTaken);
    } finally {
      await fast.stop();
    }
  });
});

describe('declaredIncome', () => {
  it('is deprecated in the schema', async () => {
    const res = await gw.query(`{
      __type(name: "RegisterCustomerInput") { inputFields(includeDeprecated: true) { name isDeprecated deprecationReason } }
    }`);
    expect(res.body.errors).toBeUndefined();
    const fields = res.body.data.__type.inputFields as { name: string; isDeprecated: boolean; deprecationReason: string | null }[];
    expect(fields.find((f) => f.name === 'declaredIncome')).toMatchObject({ isDeprecated: true, deprecationReason: expect.stringContaining('assertedIncome') });
    expect(fields.filter((f) => f.isDeprecated).map((f) => f.name)).toEqual(['declaredIncome']);
  });

  it('is still accepted and stored', async () => {
    const cpf = uniqueCpf();
    await expectAccepted(gw, cpf, registration({ declaredIncome: 'LESS_THAN_ONE_THOUSAND' }));
    expect((await storedRow(gw, cpf)).declaredIncome).toBe('LESS_THAN_ONE_THOUSAND');
  });
});

describe('customerRegistration(documentNumber:)', () => {
  const STATUS = 'query($d: String!) { customerRegistration(documentNumber: $d) { documentNumber status } }';

  it.each([
    ['masked', () => masked(uniqueCpf())],
    ['wrong check digit', () => withWrongCheckDigit(uniqueCpf(), 10)],
    ['10 digits', () => uniqueCpf().slice(0, 10)],
  ])('refuses a malformed CPF (%s) with INVALID_CPF', async (_what, cpf) => {
    const res = await gw.query(STATUS, { d: cpf() });
    expect(res.body.data).toEqual({ customerRegistration: null }); // nullable field: null next to the error
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0].extensions).toMatchObject({
      code: 'INVALID_CPF',
      fields: [{ field: 'documentNumber', code: 'INVALID_CPF', message: expect.any(String) }],
    });
  });

  it('answers null for a valid CPF never registered', async () => {
    const res = await gw.query(STATUS, { d: uniqueCpf() });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ customerRegistration: null });
  });
});
