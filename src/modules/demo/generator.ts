/**
 * Synthetic, realistic Brazilian customers for demos and load tests: valid and
 * unique CPFs/CNPJs, real UFs/municipalities/DDDs/CEP ranges, and values that
 * satisfy the Customers API v1.0.3 schemas. Everything derives from a seed
 * and the reference data in ./data (see reference-data.ts). Each customer is
 * built as a record and turned into rows by the read model's one write path
 * (src/modules/customers/customer-records.ts) with explicit primary keys from an
 * IdSequence, so a batch is inserted table by table with multi-row INSERTs and
 * no round-trips for generated ids.
 */
import { DataSource, EntityManager } from 'typeorm';
import { accountNumber } from '../customers';
import { BusinessCustomer } from '../customers';
import {
  BusinessCustomerRecord,
  BusinessFinancialRelationRecord,
  BusinessIdentificationRecord,
  BusinessQualificationRecord,
  ContactRecords,
  countRows,
  CustomerRows,
  CustomerTable,
  customerRows,
  concatCustomerRows,
  emptyCustomerRows,
  IdSequence,
  insertCustomerRows,
  PersonalCustomerRecord,
  PersonalFinancialRelationRecord,
  PersonalIdentificationRecord,
  PersonalProcuratorRow,
} from '../customers';
import {
  AREA_CODES,
  EnumAccountSubType,
  EnumAccountType,
  EnumCustomerPhoneType,
  EnumInformedIncomeFrequency,
  EnumInformedRevenueFrequency,
  EnumMaritalStatusCode,
  EnumOccupationMainCodeType,
  EnumProductServiceType,
  EnumSex,
} from '../customers';
import { PersonalCustomer } from '../customers';
import { completeCnpj, completeCpf } from '../../platform/documents';
import { hash32, isoDate, Random } from './random';
import {
  ACTIVITIES,
  CBO_OCCUPATIONS,
  CITIES,
  City,
  COMMON_SECONDARY_ACTIVITIES,
  Country,
  EMAIL_DOMAINS,
  FANTASY_WORDS,
  FEMALE_MIDDLE_NAMES,
  FEMALE_NAMES,
  FOREIGN_COUNTRIES,
  GENERIC_DISTRICTS,
  Holder,
  HOLDERS,
  MALE_MIDDLE_NAMES,
  MALE_NAMES,
  OTHER_OCCUPATIONS,
  RECEITA_OCCUPATIONS,
  SECOND_NATIONALITIES,
  STREET_NAMES,
  STREET_TYPES,
  SURNAMES,
  UF_IBGE,
} from './reference-data';

// Customers are written through the read model's one write path (src/modules/customers/customer-records.ts).
export { countRows, IdSequence };
export { CITIES, HOLDERS, UF_IBGE } from './reference-data';
export type { City, Holder } from './reference-data';
/** Rows per table of generated customers (the write path's CustomerRows). */
export type GeneratedData = CustomerRows;
export type TableKey = CustomerTable;
export const emptyGeneratedData = emptyCustomerRows;
export const concatGeneratedData = concatCustomerRows;

const HOLDER_WEIGHTS = HOLDERS.map((holder) => [holder, holder.weight] as const);
const CITY_WEIGHTS = CITIES.map((city) => [city, city.weight] as const);
const ACTIVITY_WEIGHTS = ACTIVITIES.map((activity) => [activity, activity.weight] as const);

// ---------------------------------------------------------------------------
// Tax ids: a keyed permutation of the customer index, so ids are unique for a
// seed, look random, and need no bookkeeping. Feistel rounds over 2·halfBits
// bits, cycle-walking until the value falls inside the domain.

function permute(value: number, domain: number, halfBits: number, keys: readonly number[]): number {
  const half = 2 ** halfBits;
  const mask = half - 1;
  let x = value;
  do {
    let left = Math.floor(x / half);
    let right = x & mask;
    for (const key of keys) {
      const next = left ^ (hash32(right, key) & mask);
      left = right;
      right = next;
    }
    x = left * half + right;
  } while (x >= domain);
  return x;
}

const keyCache = new Map<string, readonly number[]>();
function roundKeys(seed: number, purpose: number): readonly number[] {
  const cacheKey = `${seed}/${purpose}`;
  let keys = keyCache.get(cacheKey);
  if (!keys) keyCache.set(cacheKey, (keys = [0, 1, 2, 3].map((round) => hash32(seed, purpose, round))));
  return keys;
}

/** 9-digit CPF bases, minus the ten repeated-digit ones (000000000, 111111111, ...), which are invalid CPFs. */
const CPF_DOMAIN = 1_000_000_000 - 10;
/** CNPJ roots 01000000..99999999 (head office, branch 0001): roots with many leading zeros look odd. */
const CNPJ_ROOT_MIN = 1_000_000;
const CNPJ_DOMAIN = 100_000_000 - CNPJ_ROOT_MIN;

/** The CPF of personal customer `index` for `seed`: distinct indices give distinct, valid CPFs. */
export function personalCpf(seed: number, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= CPF_DOMAIN) throw new RangeError(`customer index out of range: ${index}`);
  let base = permute(index, CPF_DOMAIN, 15, roundKeys(seed, 0x0c9f));
  for (let digit = 0; digit <= 9; digit++) if (base >= digit * 111_111_111) base++; // skip the repeated-digit bases
  return completeCpf(String(base).padStart(9, '0'));
}

/**
 * Companies with an alphanumeric CNPJ (Receita Federal issues them from July
 * 2026), per thousand. Which companies have one is decided by a hash stream of
 * its own (seed, purpose, index), never by the company's random stream: every
 * other value of every company, and the CNPJ of the others, stay as they were.
 */
export const ALPHANUMERIC_CNPJ_PER_MILLE = 100;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Six letters of an alphanumeric root: a keyed permutation of the index, so roots are unique per seed. */
const ALPHANUMERIC_DOMAIN = 26 ** 6;

/** Whether business customer `index` of `seed` has an alphanumeric CNPJ. */
export function hasAlphanumericCnpj(seed: number, index: number): boolean {
  return hash32(seed, 0xa1f3, index) % 1000 < ALPHANUMERIC_CNPJ_PER_MILLE;
}

/** The CNPJ (head office) of business customer `index` for `seed`: distinct indices give distinct, valid CNPJs. */
export function businessCnpj(seed: number, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= CNPJ_DOMAIN) throw new RangeError(`customer index out of range: ${index}`);
  if (hasAlphanumericCnpj(seed, index)) return alphanumericCnpj(seed, index);
  const root = CNPJ_ROOT_MIN + permute(index, CNPJ_DOMAIN, 14, roundKeys(seed, 0xc4a9));
  return completeCnpj(`${String(root).padStart(8, '0')}0001`);
}

/**
 * An alphanumeric head-office CNPJ: root digit, three letters, digit, three
 * letters (e.g. `4QZX7KBR`), branch 0001, check digits. The letters are unique
 * per index (numeric CNPJs have none, so the two kinds never collide); the two
 * root digits come from the same separate hash stream.
 */
function alphanumericCnpj(seed: number, index: number): string {
  let value = permute(index % ALPHANUMERIC_DOMAIN, ALPHANUMERIC_DOMAIN, 15, roundKeys(seed, 0xa1fb));
  const letters: string[] = [];
  for (let i = 0; i < 6; i++, value = Math.floor(value / 26)) letters.push(LETTERS[value % 26]);
  const digits = String(hash32(seed, 0xa1fc, index) % 100).padStart(2, '0');
  return completeCnpj(`${digits[0]}${letters.slice(0, 3).join('')}${digits[1]}${letters.slice(3).join('')}0001`);
}

function randomCpf(rng: Random): string {
  let base: string;
  do base = rng.digits(9);
  while (/^(\d)\1{8}$/.test(base));
  return completeCpf(base);
}

function randomCnpj(rng: Random): string {
  return completeCnpj(`${rng.digits(8, true)}0001`);
}

// ---------------------------------------------------------------------------
// Shared helpers

/** Every generated instant is before this fixed moment, so output never depends on the clock. */
export const REFERENCE_TIME = Date.UTC(2025, 11, 1);
const REFERENCE_YEAR = new Date(REFERENCE_TIME).getUTCFullYear();
const DAY_MS = 86_400_000;
const NA = 'NA';
/** Months per income period, to turn a monthly income into the informed frequency's amount. */
const INCOME_PERIOD_MONTHS: Partial<Record<EnumInformedIncomeFrequency, number>> = { MENSAL: 1, ANUAL: 12, QUINZENAL: 0.5, SEMANAL: 12 / 52 };

function yearsBefore(time: number, years: number): number {
  const date = new Date(time);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.getTime();
}

/** Last update of a record: within the two years before the reference time, never before the relationship started. */
function recentUpdate(rng: Random, since: number): Date {
  return rng.instant(Math.max(since, yearsBefore(REFERENCE_TIME, 2)), REFERENCE_TIME);
}

function fit(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : text.slice(0, maxLength).trimEnd();
}

function ascii(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** Lower-case ASCII letters and digits only, for e-mail addresses and domains. */
function slug(text: string): string {
  return ascii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** UUID-shaped opaque id; its last group is the row id in hex, which makes it unique per table. */
function opaqueId(rng: Random, rowId: number): string {
  const hex = (length: number) => {
    let text = '';
    while (text.length < length) text += rng.next32().toString(16).padStart(8, '0');
    return text.slice(0, length);
  };
  return `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${rowId.toString(16).padStart(12, '0')}`;
}

/** Distinct picks by weight. */
function weightedDistinct<T>(rng: Random, entries: readonly (readonly [T, number])[], count: number): T[] {
  const pool = [...entries];
  const picked: T[] = [];
  while (picked.length < count && pool.length) {
    const value = rng.weighted(pool);
    picked.push(value);
    pool.splice(
      pool.findIndex(([candidate]) => candidate === value),
      1,
    );
  }
  return picked;
}

const holderCnpjs = new Map<Holder, string>();
function holderCnpj(holder: Holder): string {
  let cnpj = holderCnpjs.get(holder);
  if (!cnpj) holderCnpjs.set(holder, (cnpj = completeCnpj(`${holder.cnpjRoot}0001`)));
  return cnpj;
}

/** Account types a customer can actually hold; every one is also a product type. */
type HeldAccountType = Exclude<EnumAccountType, 'SEM_TIPO_CONTA'>;

function branchCode(rng: Random, holder: Holder): string {
  return holder.singleBranch ?? String(rng.int(1, 6999)).padStart(4, '0');
}

interface Person {
  sex: 'FEMININO' | 'MASCULINO';
  first: string;
  surnames: string[];
  civilName: string;
}

function brazilianSurname(rng: Random): string {
  const [name, particle] = rng.pick(SURNAMES);
  return particle && (name === 'Jesus' || rng.bool(0.3)) ? `${particle} ${name}` : name;
}

function brazilianPerson(rng: Random, sex: Person['sex'], surnames?: string[]): Person {
  const first = rng.pick(sex === 'FEMININO' ? FEMALE_NAMES : MALE_NAMES);
  const middle = rng.bool(0.3) ? rng.pick(sex === 'FEMININO' ? FEMALE_MIDDLE_NAMES : MALE_MIDDLE_NAMES) : null;
  const family = surnames ?? [brazilianSurname(rng), brazilianSurname(rng)].filter((s, i, all) => all.indexOf(s) === i);
  return { sex, first, surnames: family, civilName: fit([first, middle, ...family].filter(Boolean).join(' '), 70) };
}

function foreignPerson(rng: Random, country: Country, sex: Person['sex'], surnames?: string[]): Person {
  const first = rng.pick(sex === 'FEMININO' ? country.female : country.male);
  const family = surnames ?? [rng.pick(country.surnames)];
  return { sex, first, surnames: family, civilName: fit([first, ...family].join(' '), 70) };
}

function randomSex(rng: Random): Person['sex'] {
  return rng.bool(0.51) ? 'FEMININO' : 'MASCULINO';
}

function lastSurname(person: Person): string {
  return person.surnames[person.surnames.length - 1].replace(/^(da|de|do|dos|das) /, '');
}

function postalCode(rng: Random, city: City): string {
  return String(rng.int(city.cep[0], city.cep[1])).padStart(5, '0') + rng.digits(3);
}

function coordinate(value: number, rng: Random): string {
  return (value + (rng.next() - 0.5) * 0.08).toFixed(7);
}

type ContactBlock<K extends keyof ContactRecords> = ContactRecords[K][number];

function postalAddress(rng: Random, city: City, isMain: boolean, business: boolean): ContactBlock<'postalAddresses'> {
  const street = `${rng.weighted(STREET_TYPES)} ${rng.pick(STREET_NAMES)}`;
  const number = rng.bool(0.02)
    ? 's/n'
    : String(
        rng.weighted([
          [rng.int(1, 300), 5],
          [rng.int(301, 2999), 4],
          [rng.int(3000, 9999), 1],
        ]),
      );
  const additionalInfo = business
    ? rng.weighted<string | null>([
        [null, 4],
        [`Sala ${rng.int(1, 40)}${rng.pick(['', '1', '2'])}`, 3],
        [`Loja ${rng.int(1, 30)}`, 2],
        [`Galpão ${rng.int(1, 9)}`, 1],
      ])
    : rng.weighted<string | null>([
        [null, 5],
        [`Apto ${rng.int(1, 25)}0${rng.int(1, 8)}`, 3],
        [`Casa ${rng.int(1, 12)}`, 1],
        [`Bloco ${rng.pick(['A', 'B', 'C', 'D'])}, Apto ${rng.int(1, 18)}0${rng.int(1, 6)}`, 1],
        ['Fundos', 0.5],
      ]);
  const located = rng.bool(0.85);
  return {
    isMain,
    address: fit(`${street}, ${number}`, 150),
    additionalInfo,
    districtName: rng.pick(city.districts && rng.bool(0.8) ? city.districts : GENERIC_DISTRICTS),
    townName: city.name,
    ibgeTownCode: city.ibge,
    countrySubDivision: city.uf,
    postCode: postalCode(rng, city),
    country: 'Brasil',
    countryCode: 'BRA',
    coordinates: located ? { latitude: coordinate(city.lat, rng), longitude: coordinate(city.lon, rng) } : { latitude: null, longitude: null },
  };
}

function phone(rng: Random, city: City, type: EnumCustomerPhoneType, isMain: boolean, extension = false): ContactBlock<'phones'> {
  // Mobile numbers have 9 digits starting with 9; landlines 8 digits starting with 2-5.
  const number = type === 'MOVEL' ? `9${rng.int(6, 9)}${rng.digits(7)}` : `${rng.int(2, 5)}${rng.digits(7)}`;
  // A few people keep a mobile number from another region.
  const areaCode = type === 'MOVEL' && rng.bool(0.05) ? rng.pick(AREA_CODES.filter((code) => code !== NA)) : city.ddd;
  return {
    isMain,
    type,
    additionalInfo: null,
    countryCallingCodeOrNull: '55',
    areaCodeOrNull: areaCode,
    number,
    phoneExtensionOrNull: extension ? String(rng.int(10, 9999)) : null,
  };
}

function email(address: string, isMain: boolean): ContactBlock<'emails'> {
  return { isMain, email: fit(address, 320) };
}

function personalEmailAddress(rng: Random, person: Person, birthYear: number): string {
  const first = slug(person.first);
  const last = slug(lastSurname(person));
  const local = rng.weighted([
    [`${first}.${last}`, 4],
    [`${first}${last}${rng.int(1, 99)}`, 3],
    [`${first}_${last}`, 1],
    [`${first}.${last}${String(birthYear).slice(2)}`, 2],
    [`${first[0]}${last}${rng.int(1, 999)}`, 2],
  ]);
  return `${local}@${rng.weighted(EMAIL_DOMAINS)}`;
}

// ---------------------------------------------------------------------------
// Personal customers

const PERSONAL_STREAM = 1;
const BUSINESS_STREAM = 2;
/** Customers API 2.x data (salary accounts, portabilities): its own stream, so the draws of the streams above (every demo id and value) stay as they were. */
const SALARY_STREAM = 3;

/**
 * Personal customer `index` with all its blocks, as a record for the write
 * path. Its values depend only on the seed and the index; the customer and
 * identification ids (the opaque personalId embeds the latter) come from `ids`.
 */
export function personalCustomerRecord(rng: Random, index: number, ids: IdSequence): PersonalCustomerRecord {
  const r = rng.fork(PERSONAL_STREAM).fork(index);
  const cpf = personalCpf(rng.seed, index);
  const holder = r.weighted(HOLDER_WEIGHTS);
  const city = r.weighted(CITY_WEIGHTS);
  const foreign = r.bool(0.025) ? r.weighted(FOREIGN_COUNTRIES) : null;

  // Sex and names: the child takes the mother's last surname, then the father's.
  const sex = r.weighted<EnumSex>([
    ['FEMININO', 51],
    ['MASCULINO', 48],
    ['NAO_DISPONIVEL', 0.8],
    ['OUTRO', 0.2],
  ]);
  const nameSex = sex === 'FEMININO' || sex === 'MASCULINO' ? sex : randomSex(r);
  const mother = foreign ? foreignPerson(r, foreign, 'FEMININO') : brazilianPerson(r, 'FEMININO');
  const father = foreign ? foreignPerson(r, foreign, 'MASCULINO') : brazilianPerson(r, 'MASCULINO');
  const childSurnames = foreign
    ? [father.surnames[0]]
    : [mother.surnames[mother.surnames.length - 1], father.surnames[father.surnames.length - 1]].filter((s, i, all) => all.indexOf(s) === i);
  const person = foreign ? foreignPerson(r, foreign, nameSex, childSurnames) : brazilianPerson(r, nameSex, childSurnames);
  const socialName = r.bool(0.02) ? brazilianPerson(r, nameSex === 'FEMININO' ? 'MASCULINO' : 'FEMININO', person.surnames).civilName : null;

  // Age 18-84, most between 30 and 60.
  const age = 18 + Math.floor(((r.next() + r.next()) / 2) * 67);
  const birthTime = r.day(yearsBefore(REFERENCE_TIME, age + 1) + DAY_MS, yearsBefore(REFERENCE_TIME, age)).getTime();
  const birthDate = isoDate(birthTime);
  const adulthood = yearsBefore(birthTime, -18);

  const maritalStatusCode = r.weighted<EnumMaritalStatusCode>(
    age < 25
      ? [
          ['SOLTEIRO', 85],
          ['UNIAO_ESTAVEL', 10],
          ['CASADO', 5],
        ]
      : [
          ['SOLTEIRO', 30],
          ['CASADO', 40],
          ['UNIAO_ESTAVEL', 10],
          ['DIVORCIADO', 10],
          ['SEPARADO_JUDICIALMENTE', 2],
          ['VIUVO', age > 60 ? 15 : 2],
          ['OUTRO', 1],
        ],
  );

  // The relationship with the institution starts after adulthood and after the brand opened.
  const earliestStart = Math.min(Math.max(adulthood, Date.UTC(holder.since, 0, 1), yearsBefore(REFERENCE_TIME, 30)), REFERENCE_TIME - 31 * DAY_MS);
  const relationStart = r.instant(earliestStart, REFERENCE_TIME - 30 * DAY_MS);
  const relationTime = relationStart.getTime();

  const customerId = ids.next('personalCustomers');
  const identificationId = ids.next('personalIdentifications');

  const passport = foreign
    ? {
        number: `${String.fromCharCode(65 + r.int(0, 25))}${String.fromCharCode(65 + r.int(0, 25))}${r.digits(7)}`,
        issued: r.day(yearsBefore(REFERENCE_TIME, 9), REFERENCE_TIME - 60 * DAY_MS).getTime(),
      }
    : null;
  const identification: PersonalIdentificationRecord = {
    id: identificationId,
    updateDateTime: recentUpdate(r, relationTime),
    personalId: opaqueId(r, identificationId),
    brandName: holder.brandName,
    civilName: person.civilName,
    socialNameOrNull: socialName,
    birthDate,
    maritalStatusCode,
    maritalStatusAdditionalInfo: maritalStatusCode === 'OUTRO' ? r.pick(['Separado de fato', 'Noivo(a)', 'Não informado']) : null,
    sex,
    companyCnpj: [holderCnpj(holder)],
    documents: {
      cpfNumber: cpf,
      passportNumberOrNull: passport ? passport.number : null,
      passportCountryOrNull: foreign ? foreign.code : null,
      passportExpirationDateOrNull: passport ? isoDate(yearsBefore(passport.issued, -10)) : null,
      passportIssueDate: passport ? isoDate(passport.issued) : null,
    },
    hasBrazilianNationality: !foreign,
    otherDocuments: [],
    nationalities: [],
    filiations: [],
    postalAddresses: [],
    phones: [],
    emails: [],
  };

  // Other documents: RG (RNE for foreigners), often a driving licence.
  identification.otherDocuments.push(
    foreign
      ? {
          type: 'RNE',
          typeAdditionalInfoOrNull: null,
          numberOrNull: `${String.fromCharCode(65 + r.int(0, 25))}${r.digits(6)}`,
          checkDigitOrNull: String(r.int(0, 9)),
          additionalInfo: 'DPF',
          expirationDateOrNull: r.bool(0.6) ? null : r.dateString(REFERENCE_TIME, yearsBefore(REFERENCE_TIME, -9)),
        }
      : {
          type: 'RG',
          typeAdditionalInfoOrNull: null,
          numberOrNull: r.digits(r.int(7, 9), true),
          checkDigitOrNull: r.bool(0.09) ? 'X' : String(r.int(0, 9)),
          additionalInfo: `SSP/${city.uf}`,
          expirationDateOrNull: null,
        },
  );
  if (r.bool(0.45)) {
    identification.otherDocuments.push({
      type: 'CNH',
      typeAdditionalInfoOrNull: null,
      numberOrNull: r.digits(9, true),
      checkDigitOrNull: r.digits(2),
      additionalInfo: `DETRAN/${city.uf}`,
      expirationDateOrNull: r.dateString(yearsBefore(REFERENCE_TIME, 1), yearsBefore(REFERENCE_TIME, -10)),
    });
  }

  // Nationality: foreigners, and a few Brazilians with a second citizenship.
  const second = foreign ? ([foreign.code, foreign.name] as const) : r.bool(0.02) ? r.weighted(SECOND_NATIONALITIES) : null;
  if (second) {
    const nationality: PersonalIdentificationRecord['nationalities'][number] = { otherNationalitiesInfo: second[0], documents: [] };
    identification.nationalities.push(nationality);
    if (passport || r.bool(0.7)) {
      const issued = passport?.issued ?? r.day(yearsBefore(REFERENCE_TIME, 9), REFERENCE_TIME - 60 * DAY_MS).getTime();
      nationality.documents.push({
        type: 'PASSAPORTE',
        number: passport?.number ?? `${String.fromCharCode(65 + r.int(0, 25))}${r.digits(8)}`,
        expirationDateOrNull: isoDate(yearsBefore(issued, -10)),
        issueDateOrNull: isoDate(issued),
        country: second[1],
        typeAdditionalInfo: null,
      });
    }
  }

  identification.filiations.push(
    { type: 'MAE', civilNameOrNull: mother.civilName, socialName: null },
    { type: 'PAI', civilNameOrNull: father.civilName, socialName: null },
  );

  // Contacts
  identification.postalAddresses.push(postalAddress(r, city, true, false));
  if (r.bool(0.15)) identification.postalAddresses.push(postalAddress(r, r.bool(0.7) ? city : r.weighted(CITY_WEIGHTS), false, false));
  const landlineFirst = r.bool(0.1);
  identification.phones.push(phone(r, city, landlineFirst ? 'FIXO' : 'MOVEL', true));
  if (landlineFirst || r.bool(0.25)) identification.phones.push(phone(r, city, landlineFirst ? 'MOVEL' : 'FIXO', false));
  const birthYear = new Date(birthTime).getUTCFullYear();
  identification.emails.push(email(personalEmailAddress(r, person, birthYear), true));
  if (r.bool(0.2)) identification.emails.push(email(personalEmailAddress(r, person, birthYear), false));

  // Qualification: occupation, income and patrimony consistent with each other.
  const occupationCode = r.weighted<EnumOccupationMainCodeType>([
    ['CBO', 55],
    ['RECEITA_FEDERAL', 25],
    ['OUTRO', 20],
  ]);
  const [occupationDescription, minIncome, maxIncome] = r.pick(
    occupationCode === 'CBO' ? CBO_OCCUPATIONS : occupationCode === 'RECEITA_FEDERAL' ? RECEITA_OCCUPATIONS : OTHER_OCCUPATIONS,
  );
  const monthly = Number(r.amount(minIncome, maxIncome));
  const frequency = r.weighted<EnumInformedIncomeFrequency>([
    ['MENSAL', 85],
    ['ANUAL', 5],
    ['QUINZENAL', 3],
    ['SEMANAL', 2],
    ['SEM_FREQUENCIA_RENDA_INFORMADA', 5],
  ]);
  const perPeriod = INCOME_PERIOD_MONTHS[frequency] ?? 1;
  const qualification: PersonalCustomerRecord['qualifications'][number] = {
    updateDateTime: recentUpdate(r, relationTime),
    companyCnpj: holderCnpj(holder),
    occupationCode,
    occupationDescription,
    informedIncome: {
      frequency,
      amount: (monthly * perPeriod).toFixed(2),
      currency: 'BRL',
      date: r.dateString(yearsBefore(REFERENCE_TIME, 2), REFERENCE_TIME),
    },
    informedPatrimony: {
      amount: r.bool(0.15) ? '0.00' : r.amount(1000, Math.max(2000, monthly * r.int(5, 200))),
      currency: 'BRL',
      year: REFERENCE_YEAR - r.int(1, 2),
    },
    employerCnpjCpf: null, // from the salary stream below
    employerName: null,
  };

  // Financial relation: accounts, then products (which include the accounts' types).
  const accountTypes = weightedDistinct<HeldAccountType>(
    r,
    [
      ['CONTA_DEPOSITO_A_VISTA', 70],
      ['CONTA_POUPANCA', 20],
      ['CONTA_PAGAMENTO_PRE_PAGA', 10],
    ],
    r.bool(0.3) ? 2 : 1,
  );
  const extraProducts = weightedDistinct<EnumProductServiceType>(
    r,
    [
      ['CARTAO_CREDITO', 40],
      ['INVESTIMENTO', 20],
      ['OPERACAO_CREDITO', 15],
      ['SEGURO', 10],
      ['PREVIDENCIA', 8],
      ['CONTA_SALARIO', 6],
      ['OPERACOES_CAMBIO', 3],
      ['OUTROS', 2],
    ],
    r.int(0, 4 - accountTypes.length),
  );
  const products: EnumProductServiceType[] = [...accountTypes, ...extraProducts];
  const relation: PersonalFinancialRelationRecord = {
    updateDateTime: recentUpdate(r, relationTime),
    startDate: relationStart,
    productsServicesTypeAdditionalInfo: products.includes('OUTROS') ? r.pick(['Consórcio', 'Título de capitalização', 'Cofre de aluguel']) : null,
    productsServices: products.map((type) => ({ type })),
    procurators: [],
    accounts: [],
  };

  const procuratorType = r.weighted<PersonalProcuratorRow['type']>([
    ['NAO_APLICA', 92],
    ['PROCURADOR', 6],
    ['REPRESENTANTE_LEGAL', age > 75 ? 10 : 2],
  ]);
  const procurator = procuratorType === 'NAO_APLICA' ? null : brazilianPerson(r, randomSex(r));
  relation.procurators.push({
    type: procuratorType,
    cpfNumberOrNull: procurator ? randomCpf(r) : null,
    civilNameOrNull: procurator ? procurator.civilName : null,
    socialNameOrNull: null,
  });

  const personalBranch = branchCode(r, holder);
  for (const type of accountTypes) {
    relation.accounts.push({
      compeCode: holder.compeCode,
      branchCodeOrNull: personalBranch,
      ...accountNumber(r.digits(r.int(8, 12), true)),
      type,
      subtype:
        type === 'CONTA_PAGAMENTO_PRE_PAGA'
          ? 'INDIVIDUAL'
          : r.weighted<EnumAccountSubType>([
              ['INDIVIDUAL', 85],
              ['CONJUNTA_SIMPLES', 7],
              ['CONJUNTA_SOLIDARIA', 8],
            ]),
    });
  }
  addSalaryLinks(rng.fork(SALARY_STREAM).fork(index), relation, qualification, holder, relationStart.getTime());
  return { id: customerId, cpfNumber: cpf, identifications: [identification], qualifications: [qualification], financialRelations: [relation] };
}

/**
 * Customers API 2.x: a customer whose products include a salary account (CONTA_SALARIO) holds it here for an employer
 * (paychecksBankLink); about 4% of the others had their salary ported here from another bank (portabilitiesReceived); that employer
 * is the qualification's (employerCnpjCpf/employerName).
 * A bank's ISPB is its CNPJ root.
 */
function addSalaryLinks(
  s: Random,
  relation: PersonalFinancialRelationRecord,
  qualification: PersonalCustomerRecord['qualifications'][number],
  holder: Holder,
  relationStart: number,
): void {
  const employer = () => ({
    employerName: `${brazilianSurname(s).replace(/^\w+ /, '')} ${s.pick(['Comércio', 'Serviços', 'Indústria', 'Transportes'])} Ltda`,
    employerCnpjCpf: randomCnpj(s),
  });
  if (relation.productsServices.some((product) => product.type === 'CONTA_SALARIO')) {
    relation.paychecksBankLinks = [
      {
        ...employer(),
        paycheckBankCnpj: holderCnpj(holder),
        paycheckBankIspb: holder.cnpjRoot,
        accountOpeningDate: s.dateString(relationStart, REFERENCE_TIME - DAY_MS),
      },
    ];
  }
  if (s.bool(0.04)) {
    const detainer = s.pick(HOLDERS.filter((other) => other !== holder));
    relation.portabilitiesReceived = [
      {
        ...employer(),
        paycheckBankDetainerCnpj: holderCnpj(detainer),
        paycheckBankDetainerIspb: detainer.cnpjRoot,
        portabilityApprovalDate: s.dateString(relationStart, REFERENCE_TIME - DAY_MS),
      },
    ];
  }
  // The qualification's employer (2.x) is the one the salary reaches this institution from, when it does.
  const current = relation.portabilitiesReceived?.[0] ?? relation.paychecksBankLinks?.[0];
  if (current) Object.assign(qualification, { employerCnpjCpf: current.employerCnpjCpf, employerName: current.employerName });
}

/** Appends personal customer `index` (see personalCustomerRecord) to `out` as rows, keys from `ids`. */
export function generatePersonalCustomer(rng: Random, index: number, ids: IdSequence, out: GeneratedData): void {
  customerRows([personalCustomerRecord(rng, index, ids)], ids, out);
}

/** `count` personal customers with indices startIndex, startIndex+1, ... */
export function generatePersonalCustomers(rng: Random, count: number, startIndex = 0, ids = new IdSequence()): GeneratedData {
  const out = emptyGeneratedData();
  for (let index = startIndex; index < startIndex + count; index++) generatePersonalCustomer(rng, index, ids, out);
  return out;
}

// ---------------------------------------------------------------------------
// Business customers

const SHARE_SPLITS: readonly (readonly string[])[][] = [
  [],
  [['1.00']],
  [
    ['0.50', '0.50'],
    ['0.60', '0.40'],
    ['0.70', '0.30'],
    ['0.51', '0.49'],
    ['0.75', '0.25'],
  ],
  [
    ['0.34', '0.33', '0.33'],
    ['0.50', '0.25', '0.25'],
    ['0.40', '0.30', '0.30'],
  ],
];

type CompanySize = 'micro' | 'small' | 'medium' | 'large';
const ANNUAL_REVENUE: Record<CompanySize, readonly [number, number]> = {
  micro: [60_000, 360_000],
  small: [360_000, 4_800_000],
  medium: [4_800_000, 50_000_000],
  large: [50_000_000, 500_000_000],
};

/**
 * Business customer `index` with all its blocks, as a record for the write
 * path. Its values depend only on the seed and the index; the customer and
 * identification ids (the opaque businessId embeds the latter) come from `ids`.
 */
export function businessCustomerRecord(rng: Random, index: number, ids: IdSequence): BusinessCustomerRecord {
  const r = rng.fork(BUSINESS_STREAM).fork(index);
  const cnpj = businessCnpj(rng.seed, index);
  const holder = r.weighted(HOLDER_WEIGHTS);
  const city = r.weighted(CITY_WEIGHTS);
  const activity = r.weighted(ACTIVITY_WEIGHTS);
  const size = r.weighted<CompanySize>([
    ['micro', 55],
    ['small', 30],
    ['medium', 12],
    ['large', 3],
  ]);
  // Most companies are young: age log-uniform between 1 and 50 years (median about 7).
  const ageYears = Math.exp(r.next() * Math.log(50));
  const incorporationDate = r.day(REFERENCE_TIME - ageYears * 365.25 * DAY_MS, REFERENCE_TIME - 90 * DAY_MS);
  const incorporation = incorporationDate.getTime();

  // Parties: 1-3 partners (shares add up to 1.00), maybe a hired administrator.
  const partnerCount = r.weighted([
    [1, 45],
    [2, 40],
    [3, 15],
  ]);
  const shares = r.pick(SHARE_SPLITS[partnerCount]);
  const withAdministrator = partnerCount < 3 && r.bool(0.2);
  const familyName = brazilianSurname(r);
  const partners = shares.map((share, i) => {
    const holding = i > 0 && r.bool(0.06);
    const person = brazilianPerson(r, randomSex(r), i === 0 || r.bool(0.4) ? [brazilianSurname(r), familyName] : undefined);
    return { share, holding, person, foreign: !holding && r.bool(0.03) ? r.weighted(FOREIGN_COUNTRIES) : null };
  });

  // Names: "Padaria Estrela" / "Padaria Souza" trades as such; the corporate name adds the legal form.
  const surnames = partners
    .filter((p) => !p.holding)
    .map((p) => lastSurname(p.person))
    .filter((s, i, all) => all.indexOf(s) === i);
  const brand = r.bool(0.5) ? r.pick(FANTASY_WORDS) : surnames[0];
  const tradeName = fit(`${activity.stem} ${brand}`, 70);
  const suffix = (size === 'medium' || size === 'large') && r.bool(0.4) ? 'S.A.' : 'Ltda';
  const companyName = fit(
    activity.suffix
      ? `${surnames.slice(0, 2).join(' & ')} ${activity.suffix}`
      : r.weighted([
          [`${tradeName} ${suffix}`, 4],
          [`${surnames.slice(0, 2).join(' & ')} ${activity.stem} ${suffix}`, 3],
          [`${brand} Comércio e Serviços ${suffix}`, 1],
        ]),
    70,
  );

  const customerId = ids.next('businessCustomers');
  const identificationId = ids.next('businessIdentifications');
  const relationStart = r.instant(Math.max(incorporation, Date.UTC(holder.since, 0, 1)), REFERENCE_TIME - 30 * DAY_MS);
  const relationTime = relationStart.getTime();
  const identification: BusinessIdentificationRecord = {
    id: identificationId,
    updateDateTime: recentUpdate(r, relationTime),
    businessId: opaqueId(r, identificationId),
    brandName: holder.brandName,
    companyName,
    tradeName,
    incorporationDate,
    cnpjNumber: cnpj,
    companyCnpjNumber: [holderCnpj(holder)],
    otherDocuments: [],
    parties: [],
    postalAddresses: [],
    phones: [],
    emails: [],
  };

  if (r.bool(0.1)) {
    const registry = r.bool(0.5);
    identification.otherDocuments.push({
      type: registry ? 'NIRE' : 'Inscrição Estadual',
      number: registry ? `${UF_IBGE[city.uf]}${r.digits(9)}` : r.digits(r.int(9, 12), true),
      country: 'BRA',
      expirationDateOrNull: null,
    });
  }

  partners.forEach(({ share, holding, person, foreign }, i) => {
    const startDate = i === 0 || r.bool(0.7) ? incorporationDate : r.instant(incorporation, REFERENCE_TIME - DAY_MS);
    if (holding) {
      const holdingName = `${lastSurname(person)} Participações`;
      identification.parties.push({
        personType: 'PESSOA_JURIDICA',
        type: 'SOCIO',
        civilNameOrNull: null,
        socialNameOrNull: null,
        companyNameOrNull: `${holdingName} Ltda`,
        tradeName: holdingName,
        startDate,
        shareholdingOrNull: share,
        documentType: 'CNPJ',
        documentNumber: randomCnpj(r),
        documentAdditionalInfo: null,
        documentCountry: 'BRA',
        documentExpirationDateOrNull: null,
        documentIssueDate: null,
      });
      return;
    }
    const issued = foreign ? r.day(yearsBefore(REFERENCE_TIME, 9), REFERENCE_TIME - 60 * DAY_MS).getTime() : 0;
    identification.parties.push({
      personType: 'PESSOA_NATURAL',
      type: 'SOCIO',
      civilNameOrNull: foreign ? foreignPerson(r, foreign, person.sex).civilName : person.civilName,
      socialNameOrNull: null,
      companyNameOrNull: null,
      tradeName: null,
      startDate,
      shareholdingOrNull: share,
      documentType: foreign ? 'PASSAPORTE' : 'CPF',
      documentNumber: foreign ? `${String.fromCharCode(65 + r.int(0, 25))}${r.digits(8)}` : randomCpf(r),
      documentAdditionalInfo: null,
      documentCountry: foreign ? foreign.code : 'BRA',
      documentExpirationDateOrNull: foreign ? isoDate(yearsBefore(issued, -10)) : null,
      documentIssueDate: foreign ? isoDate(issued) : null,
    });
  });
  const firstPartner = identification.parties[0];
  if (withAdministrator) {
    const administrator = brazilianPerson(r, randomSex(r));
    identification.parties.push({
      personType: 'PESSOA_NATURAL',
      type: 'ADMINISTRADOR',
      civilNameOrNull: administrator.civilName,
      socialNameOrNull: null,
      companyNameOrNull: null,
      tradeName: null,
      startDate: r.instant(incorporation, REFERENCE_TIME - DAY_MS),
      shareholdingOrNull: null,
      documentType: 'CPF',
      documentNumber: randomCpf(r),
      documentAdditionalInfo: null,
      documentCountry: 'BRA',
      documentExpirationDateOrNull: null,
      documentIssueDate: null,
    });
  }

  // Contacts
  identification.postalAddresses.push(postalAddress(r, city, true, true));
  if (r.bool(0.15)) identification.postalAddresses.push(postalAddress(r, r.bool(0.6) ? city : r.weighted(CITY_WEIGHTS), false, true));
  const landlineFirst = r.bool(0.65);
  identification.phones.push(phone(r, city, landlineFirst ? 'FIXO' : 'MOVEL', true, landlineFirst && r.bool(0.2)));
  if (r.bool(0.5)) identification.phones.push(phone(r, city, landlineFirst ? 'MOVEL' : 'FIXO', false));
  const domain = `${slug(tradeName).slice(0, 30) || `empresa${customerId}`}.com.br`;
  identification.emails.push(email(`${r.pick(['contato', 'atendimento', 'comercial'])}@${domain}`, true));
  if (r.bool(0.4)) identification.emails.push(email(`financeiro@${domain}`, false));

  // Qualification: activities (one main) and revenue/patrimony by company size.
  const [minRevenue, maxRevenue] = ANNUAL_REVENUE[size];
  const annual = Number(r.amount(minRevenue, maxRevenue));
  const revenueFrequency = r.weighted<EnumInformedRevenueFrequency>([
    ['ANUAL', 70],
    ['MENSAL', 25],
    ['SEM_FREQUENCIA_FATURAMENTO_INFORMADO', 5],
  ]);
  const qualification: BusinessQualificationRecord = {
    updateDateTime: recentUpdate(r, relationTime),
    informedRevenue: {
      frequency: revenueFrequency,
      frequencyAdditionalInfo: null,
      amount: (revenueFrequency === 'MENSAL' ? annual / 12 : annual).toFixed(2),
      currency: 'BRL',
      year: revenueFrequency === 'ANUAL' ? REFERENCE_YEAR - 1 : revenueFrequency === 'MENSAL' ? REFERENCE_YEAR : null,
    },
    informedPatrimony: { amount: (annual * (0.05 + r.next() * 0.75)).toFixed(2), currency: 'BRL', date: `${REFERENCE_YEAR - 1}-12-31` },
    economicActivities: [],
  };
  const secondary = r.sample(
    [...new Set([...activity.secondary, ...COMMON_SECONDARY_ACTIVITIES])],
    r.weighted([
      [0, 40],
      [1, 40],
      [2, 20],
    ]),
  );
  for (const [i, code] of [activity.code, ...secondary].entries()) {
    qualification.economicActivities.push({ code, isMain: i === 0 });
  }

  // Financial relation
  const relation: BusinessFinancialRelationRecord = {
    updateDateTime: recentUpdate(r, relationTime),
    startDate: relationStart,
    productsServices: [],
    procurators: [],
    accounts: [],
  };
  const accountTypes = weightedDistinct<HeldAccountType>(
    r,
    [
      ['CONTA_DEPOSITO_A_VISTA', 85],
      ['CONTA_PAGAMENTO_PRE_PAGA', 15],
    ],
    r.bool(0.2) ? 2 : 1,
  );
  const extraProducts = weightedDistinct<EnumProductServiceType>(
    r,
    [
      ['CREDENCIAMENTO', 30],
      ['OPERACAO_CREDITO', 25],
      ['CARTAO_CREDITO', 25],
      ['INVESTIMENTO', 15],
      ['SEGURO', 10],
      ['OPERACOES_CAMBIO', 5],
    ],
    r.int(0, 4 - accountTypes.length),
  );
  for (const type of [...accountTypes, ...extraProducts]) relation.productsServices.push({ type });

  const procuratorKind = r.weighted([
    ['none', 70],
    ['partner', 18],
    ['person', 10],
    ['firm', 2],
  ] as const);
  const legalRepresentative = procuratorKind === 'partner' && firstPartner.personType === 'PESSOA_NATURAL' && firstPartner.documentType === 'CPF';
  const hired = procuratorKind === 'person' ? brazilianPerson(r, randomSex(r)) : null;
  relation.procurators.push({
    ...(legalRepresentative
      ? { type: 'REPRESENTANTE_LEGAL', cnpjCpfNumberOrNull: firstPartner.documentNumber, civilNameOrNull: firstPartner.civilNameOrNull, socialNameOrNull: null }
      : hired
        ? { type: 'PROCURADOR', cnpjCpfNumberOrNull: randomCpf(r), civilNameOrNull: hired.civilName, socialNameOrNull: null }
        : procuratorKind === 'firm'
          ? {
              type: 'PROCURADOR',
              cnpjCpfNumberOrNull: randomCnpj(r),
              civilNameOrNull: `${brazilianSurname(r).replace(/^\w+ /, '')} Contabilidade Ltda`,
              socialNameOrNull: null,
            }
          : { type: 'NAO_POSSUI', cnpjCpfNumberOrNull: null, civilNameOrNull: null, socialNameOrNull: null }),
  });

  const businessBranch = branchCode(r, holder);
  for (const type of accountTypes) {
    relation.accounts.push({
      compeCode: holder.compeCode,
      branchCodeOrNull: businessBranch,
      ...accountNumber(r.digits(r.int(8, 12), true)),
      type,
    });
  }
  return { id: customerId, cnpjNumber: cnpj, identifications: [identification], qualifications: [qualification], financialRelations: [relation] };
}

/** Appends business customer `index` (see businessCustomerRecord) to `out` as rows, keys from `ids`. */
export function generateBusinessCustomer(rng: Random, index: number, ids: IdSequence, out: GeneratedData): void {
  customerRows([businessCustomerRecord(rng, index, ids)], ids, out);
}

/** `count` business customers with indices startIndex, startIndex+1, ... */
export function generateBusinessCustomers(rng: Random, count: number, startIndex = 0, ids = new IdSequence()): GeneratedData {
  const out = emptyGeneratedData();
  for (let index = startIndex; index < startIndex + count; index++) generateBusinessCustomer(rng, index, ids, out);
  return out;
}

// ---------------------------------------------------------------------------
// Persistence

/**
 * Inserts one generated batch (rows keyed by customerRows) in a single
 * transaction through the read model's write path. Returns the number of rows.
 */
export async function insertGenerated(target: DataSource | EntityManager, data: GeneratedData): Promise<number> {
  return target.transaction((manager) => insertCustomerRows(manager, data));
}

export interface SeedProgress {
  personal: number;
  business: number;
  rows: number;
}

export interface SeedOptions {
  personal: number;
  business: number;
  seed: number;
  /** Customers per transaction (default 1000). */
  batchSize?: number;
  /** Transactions in flight at once: 1 on SQLite (one connection), 4 on MySQL/MariaDB by default. */
  concurrency?: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedResult extends SeedProgress {
  /** CPF of the first personal customer created, if any. */
  firstCpf: string | null;
  firstCnpj: string | null;
}

/**
 * Adds `personal` + `business` synthetic customers to a migrated database,
 * after whatever it already holds: ids continue from each table's MAX(id),
 * customer indices from the customer tables' MAX(id) (so re-running with the
 * same seed adds new customers), and an index whose CPF/CNPJ is already
 * present is skipped. Batches are self-contained (children reference parents
 * of the same batch), so on MySQL several commit in parallel while the next
 * one is generated. Not meant to run while other writers insert customers.
 */
export async function seedCustomers(dataSource: DataSource, options: SeedOptions): Promise<SeedResult> {
  const batchSize = options.batchSize ?? 1000;
  const sqlite = dataSource.options.type === 'better-sqlite3' || dataSource.options.type === 'sqlite';
  const concurrency = sqlite ? 1 : Math.max(1, options.concurrency ?? 4);
  const rng = new Random(options.seed);
  const ids = await IdSequence.fromDatabase(dataSource);
  const result: SeedResult = { personal: 0, business: 0, rows: 0, firstCpf: null, firstCnpj: null };

  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  const insert = (data: GeneratedData) => {
    const task: Promise<void> = insertGenerated(dataSource, data)
      .then((rows) => {
        result.rows += rows;
        result.personal += data.personalCustomers.length;
        result.business += data.businessCustomers.length;
        options.onProgress?.({ personal: result.personal, business: result.business, rows: result.rows });
      })
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  const kinds = [
    {
      wanted: options.personal,
      entity: PersonalCustomer,
      column: 'cpfNumber',
      taxId: personalCpf,
      generate: generatePersonalCustomer,
      table: 'personalCustomers' as const,
    },
    {
      wanted: options.business,
      entity: BusinessCustomer,
      column: 'cnpjNumber',
      taxId: businessCnpj,
      generate: generateBusinessCustomer,
      table: 'businessCustomers' as const,
    },
  ];
  for (const kind of kinds) {
    let nextIndex = ids.current(kind.table);
    let generated = 0;
    while (generated < kind.wanted && !failure) {
      const candidates: [number, string][] = [];
      for (const end = nextIndex + Math.min(batchSize, kind.wanted - generated); nextIndex < end; nextIndex++) {
        candidates.push([nextIndex, kind.taxId(options.seed, nextIndex)]);
      }
      const existing = await dataSource
        .createQueryBuilder()
        .select(`t.${kind.column}`, 'taxId')
        .from(kind.entity, 't')
        .where(`t.${kind.column} IN (:...taxIds)`, { taxIds: candidates.map(([, taxId]) => taxId) })
        .getRawMany<{ taxId: string }>();
      const taken = new Set(existing.map((row) => row.taxId));
      const data = emptyGeneratedData();
      for (const [index, taxId] of candidates) {
        if (taken.has(taxId)) continue;
        kind.generate(rng, index, ids, data);
        if (kind.table === 'personalCustomers') result.firstCpf ??= taxId;
        else result.firstCnpj ??= taxId;
      }
      generated += data[kind.table].length;
      insert(data);
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
  }
  await Promise.all(inFlight);
  if (failure) throw (failure as { error: unknown }).error;
  return result;
}
