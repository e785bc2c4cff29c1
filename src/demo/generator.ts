/**
 * Synthetic, realistic Brazilian customers for demos and load tests: valid and
 * unique CPFs/CNPJs, real UFs/municipalities/DDDs/CEP ranges, and values that
 * satisfy the Customers API v1.0.3 schemas. Everything derives from a seed, and
 * every row carries an explicit primary key, so a batch is inserted table by
 * table with multi-row INSERTs and no round-trips for generated ids.
 */
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  BusinessAccount, BusinessCustomer, BusinessFinancialRelation, BusinessIdentification, BusinessOtherDocument, BusinessParty,
  BusinessProcurator, BusinessProductService, BusinessQualification, EconomicActivity,
} from '../customers/business/business.entities';
import { Email, Phone, PostalAddress } from '../customers/contacts/contact.entities';
import {
  AREA_CODES, EnumAccountSubType, EnumAccountType, EnumCountrySubDivision, EnumCustomerPhoneType, EnumInformedIncomeFrequency,
  EnumInformedRevenueFrequency, EnumMaritalStatusCode, EnumOccupationMainCodeType, EnumProductServiceType, EnumSex,
} from '../customers/enums';
import {
  Filiation, Nationality, NationalityOtherDocument, PersonalAccount, PersonalCustomer, PersonalFinancialRelation, PersonalIdentification,
  PersonalOtherDocument, PersonalProcurator, PersonalProductService, PersonalQualification,
} from '../customers/personal/personal.entities';
import { completeCnpj, completeCpf } from '../shared/documents';
import { hash32, isoDate, Random } from './random';

// ---------------------------------------------------------------------------
// Row shapes: entity columns without relation objects (and without the
// createdAt/updatedAt the database fills).

export type PersonalCustomerRow = Omit<PersonalCustomer, 'createdAt' | 'updatedAt'>;
export type PersonalIdentificationRow = Omit<PersonalIdentification, 'customer'>;
export type PersonalOtherDocumentRow = Omit<PersonalOtherDocument, 'identification'>;
export type NationalityRow = Omit<Nationality, 'identification'>;
export type NationalityDocumentRow = Omit<NationalityOtherDocument, 'nationality'>;
export type FiliationRow = Omit<Filiation, 'identification'>;
export type PersonalQualificationRow = Omit<PersonalQualification, 'customer'>;
export type PersonalFinancialRelationRow = Omit<PersonalFinancialRelation, 'customer'>;
export type PersonalProductServiceRow = Omit<PersonalProductService, 'financialRelation'>;
export type PersonalProcuratorRow = Omit<PersonalProcurator, 'financialRelation'>;
export type PersonalAccountRow = Omit<PersonalAccount, 'financialRelation'>;
export type BusinessCustomerRow = Omit<BusinessCustomer, 'createdAt' | 'updatedAt'>;
export type BusinessIdentificationRow = Omit<BusinessIdentification, 'customer'>;
export type BusinessOtherDocumentRow = Omit<BusinessOtherDocument, 'identification'>;
export type BusinessPartyRow = Omit<BusinessParty, 'identification'>;
export type BusinessQualificationRow = Omit<BusinessQualification, 'customer'>;
export type EconomicActivityRow = Omit<EconomicActivity, 'qualification'>;
export type BusinessFinancialRelationRow = Omit<BusinessFinancialRelation, 'customer'>;
export type BusinessProductServiceRow = Omit<BusinessProductService, 'financialRelation'>;
export type BusinessProcuratorRow = Omit<BusinessProcurator, 'financialRelation'>;
export type BusinessAccountRow = Omit<BusinessAccount, 'financialRelation'>;
type ContactRelations = 'personalIdentification' | 'businessIdentification';
export type PostalAddressRow = Omit<PostalAddress, ContactRelations | 'geographicCoordinates'>;
export type PhoneRow = Omit<Phone, ContactRelations>;
export type EmailRow = Omit<Email, ContactRelations>;

/** Rows per table, ready to insert. */
export interface GeneratedData {
  personalCustomers: PersonalCustomerRow[];
  personalIdentifications: PersonalIdentificationRow[];
  personalOtherDocuments: PersonalOtherDocumentRow[];
  nationalities: NationalityRow[];
  nationalityDocuments: NationalityDocumentRow[];
  filiations: FiliationRow[];
  personalQualifications: PersonalQualificationRow[];
  personalFinancialRelations: PersonalFinancialRelationRow[];
  personalProductsServices: PersonalProductServiceRow[];
  personalProcurators: PersonalProcuratorRow[];
  personalAccounts: PersonalAccountRow[];
  businessCustomers: BusinessCustomerRow[];
  businessIdentifications: BusinessIdentificationRow[];
  businessOtherDocuments: BusinessOtherDocumentRow[];
  businessParties: BusinessPartyRow[];
  businessQualifications: BusinessQualificationRow[];
  economicActivities: EconomicActivityRow[];
  businessFinancialRelations: BusinessFinancialRelationRow[];
  businessProductsServices: BusinessProductServiceRow[];
  businessProcurators: BusinessProcuratorRow[];
  businessAccounts: BusinessAccountRow[];
  postalAddresses: PostalAddressRow[];
  phones: PhoneRow[];
  emails: EmailRow[];
}
export type TableKey = keyof GeneratedData;

/** Entity of each table, in a valid insertion order (parents before children). */
const TABLES: readonly (readonly [TableKey, EntityTarget<ObjectLiteral>])[] = [
  ['personalCustomers', PersonalCustomer],
  ['personalIdentifications', PersonalIdentification],
  ['personalOtherDocuments', PersonalOtherDocument],
  ['nationalities', Nationality],
  ['nationalityDocuments', NationalityOtherDocument],
  ['filiations', Filiation],
  ['personalQualifications', PersonalQualification],
  ['personalFinancialRelations', PersonalFinancialRelation],
  ['personalProductsServices', PersonalProductService],
  ['personalProcurators', PersonalProcurator],
  ['personalAccounts', PersonalAccount],
  ['businessCustomers', BusinessCustomer],
  ['businessIdentifications', BusinessIdentification],
  ['businessOtherDocuments', BusinessOtherDocument],
  ['businessParties', BusinessParty],
  ['businessQualifications', BusinessQualification],
  ['economicActivities', EconomicActivity],
  ['businessFinancialRelations', BusinessFinancialRelation],
  ['businessProductsServices', BusinessProductService],
  ['businessProcurators', BusinessProcurator],
  ['businessAccounts', BusinessAccount],
  ['postalAddresses', PostalAddress],
  ['phones', Phone],
  ['emails', Email],
];

export function emptyGeneratedData(): GeneratedData {
  return Object.fromEntries(TABLES.map(([key]) => [key, []])) as unknown as GeneratedData;
}

export function countRows(data: GeneratedData): number {
  return TABLES.reduce((total, [key]) => total + data[key].length, 0);
}

// ---------------------------------------------------------------------------
// Primary keys

/**
 * Hands out explicit primary keys per table. Start it after each table's
 * current MAX(id) (`fromDatabase`) to append to a populated database.
 */
export class IdSequence {
  private readonly last = {} as Record<TableKey, number>;

  constructor(start: Partial<Record<TableKey, number>> = {}) {
    for (const [key] of TABLES) this.last[key] = start[key] ?? 0;
  }

  static async fromDatabase(target: DataSource | EntityManager): Promise<IdSequence> {
    const start: Partial<Record<TableKey, number>> = {};
    for (const [key, entity] of TABLES) {
      const row = await target.createQueryBuilder().select('MAX(t.id)', 'max').from(entity, 't').getRawOne<{ max: unknown }>();
      start[key] = Number(row?.max ?? 0);
    }
    return new IdSequence(start);
  }

  next(table: TableKey): number {
    return ++this.last[table];
  }

  /** The last id handed out (or found in the database) for `table`. */
  current(table: TableKey): number {
    return this.last[table];
  }
}

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

/** The CNPJ (head office) of business customer `index` for `seed`: distinct indices give distinct, valid CNPJs. */
export function businessCnpj(seed: number, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= CNPJ_DOMAIN) throw new RangeError(`customer index out of range: ${index}`);
  const root = CNPJ_ROOT_MIN + permute(index, CNPJ_DOMAIN, 14, roundKeys(seed, 0xc4a9));
  return completeCnpj(`${String(root).padStart(8, '0')}0001`);
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
  return ascii(text).toLowerCase().replace(/[^a-z0-9]+/g, '');
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
    pool.splice(pool.findIndex(([candidate]) => candidate === value), 1);
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

function accountNumber(rng: Random): { number: string; checkDigit: string } {
  const number = rng.digits(rng.int(8, 12), true);
  const sum = [...number].reverse().reduce((total, digit, i) => total + Number(digit) * (2 + (i % 8)), 0);
  const rest = 11 - (sum % 11);
  return { number, checkDigit: rest >= 10 ? '0' : String(rest) };
}

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

type Owner = { personalIdentificationId: number; businessIdentificationId: null } | { personalIdentificationId: null; businessIdentificationId: number };

function postalAddress(rng: Random, ids: IdSequence, owner: Owner, city: City, isMain: boolean, business: boolean): PostalAddressRow {
  const street = `${rng.weighted(STREET_TYPES)} ${rng.pick(STREET_NAMES)}`;
  const number = rng.bool(0.02) ? 's/n' : String(rng.weighted([[rng.int(1, 300), 5], [rng.int(301, 2999), 4], [rng.int(3000, 9999), 1]]));
  const additionalInfo = business
    ? rng.weighted<string | null>([[null, 4], [`Sala ${rng.int(1, 40)}${rng.pick(['', '1', '2'])}`, 3], [`Loja ${rng.int(1, 30)}`, 2], [`Galpão ${rng.int(1, 9)}`, 1]])
    : rng.weighted<string | null>([[null, 5], [`Apto ${rng.int(1, 25)}0${rng.int(1, 8)}`, 3], [`Casa ${rng.int(1, 12)}`, 1], [`Bloco ${rng.pick(['A', 'B', 'C', 'D'])}, Apto ${rng.int(1, 18)}0${rng.int(1, 6)}`, 1], ['Fundos', 0.5]]);
  const located = rng.bool(0.85);
  return {
    id: ids.next('postalAddresses'),
    ...owner,
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

function phone(rng: Random, ids: IdSequence, owner: Owner, city: City, type: EnumCustomerPhoneType, isMain: boolean, extension = false): PhoneRow {
  // Mobile numbers have 9 digits starting with 9; landlines 8 digits starting with 2-5.
  const number = type === 'MOVEL' ? `9${rng.int(6, 9)}${rng.digits(7)}` : `${rng.int(2, 5)}${rng.digits(7)}`;
  // A few people keep a mobile number from another region.
  const areaCode = type === 'MOVEL' && rng.bool(0.05) ? rng.pick(AREA_CODES.filter((code) => code !== NA)) : city.ddd;
  return {
    id: ids.next('phones'),
    ...owner,
    isMain,
    type,
    additionalInfo: null,
    countryCallingCode: '55',
    areaCode,
    number,
    phoneExtension: extension ? String(rng.int(10, 9999)) : NA,
  };
}

function email(ids: IdSequence, owner: Owner, address: string, isMain: boolean): EmailRow {
  return { id: ids.next('emails'), ...owner, isMain, email: fit(address, 320) };
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

/**
 * Appends personal customer `index` (all its tables) to `out`. Its values
 * depend only on the seed and the index; ids come from `ids`.
 */
export function generatePersonalCustomer(rng: Random, index: number, ids: IdSequence, out: GeneratedData): void {
  const r = rng.fork(PERSONAL_STREAM).fork(index);
  const cpf = personalCpf(rng.seed, index);
  const holder = r.weighted(HOLDER_WEIGHTS);
  const city = r.weighted(CITY_WEIGHTS);
  const foreign = r.bool(0.025) ? r.weighted(FOREIGN_COUNTRIES) : null;

  // Sex and names: the child takes the mother's last surname, then the father's.
  const sex = r.weighted<EnumSex>([['FEMININO', 51], ['MASCULINO', 48], ['NAO_DISPONIVEL', 0.8], ['OUTRO', 0.2]]);
  const nameSex = sex === 'FEMININO' || sex === 'MASCULINO' ? sex : randomSex(r);
  const mother = foreign ? foreignPerson(r, foreign, 'FEMININO') : brazilianPerson(r, 'FEMININO');
  const father = foreign ? foreignPerson(r, foreign, 'MASCULINO') : brazilianPerson(r, 'MASCULINO');
  const childSurnames = foreign
    ? [father.surnames[0]]
    : [mother.surnames[mother.surnames.length - 1], father.surnames[father.surnames.length - 1]].filter((s, i, all) => all.indexOf(s) === i);
  const person = foreign ? foreignPerson(r, foreign, nameSex, childSurnames) : brazilianPerson(r, nameSex, childSurnames);
  const socialName = r.bool(0.02) ? brazilianPerson(r, nameSex === 'FEMININO' ? 'MASCULINO' : 'FEMININO', person.surnames).civilName : NA;

  // Age 18-84, most between 30 and 60.
  const age = 18 + Math.floor(((r.next() + r.next()) / 2) * 67);
  const birthTime = r.day(yearsBefore(REFERENCE_TIME, age + 1) + DAY_MS, yearsBefore(REFERENCE_TIME, age)).getTime();
  const birthDate = isoDate(birthTime);
  const adulthood = yearsBefore(birthTime, -18);

  const maritalStatusCode = r.weighted<EnumMaritalStatusCode>(age < 25
    ? [['SOLTEIRO', 85], ['UNIAO_ESTAVEL', 10], ['CASADO', 5]]
    : [['SOLTEIRO', 30], ['CASADO', 40], ['UNIAO_ESTAVEL', 10], ['DIVORCIADO', 10], ['SEPARADO_JUDICIALMENTE', 2], ['VIUVO', age > 60 ? 15 : 2], ['OUTRO', 1]]);

  // The relationship with the institution starts after adulthood and after the brand opened.
  const earliestStart = Math.min(Math.max(adulthood, Date.UTC(holder.since, 0, 1), yearsBefore(REFERENCE_TIME, 30)), REFERENCE_TIME - 31 * DAY_MS);
  const relationStart = r.instant(earliestStart, REFERENCE_TIME - 30 * DAY_MS);
  const relationTime = relationStart.getTime();

  const customerId = ids.next('personalCustomers');
  const identificationId = ids.next('personalIdentifications');
  out.personalCustomers.push({ id: customerId, cpfNumber: cpf });

  const passport = foreign
    ? {
        number: `${String.fromCharCode(65 + r.int(0, 25))}${String.fromCharCode(65 + r.int(0, 25))}${r.digits(7)}`,
        issued: r.day(yearsBefore(REFERENCE_TIME, 9), REFERENCE_TIME - 60 * DAY_MS).getTime(),
      }
    : null;
  out.personalIdentifications.push({
    id: identificationId,
    customerId,
    updateDateTime: recentUpdate(r, relationTime),
    personalId: opaqueId(r, identificationId),
    brandName: holder.brandName,
    civilName: person.civilName,
    socialName,
    birthDate,
    maritalStatusCode,
    maritalStatusAdditionalInfo: maritalStatusCode === 'OUTRO' ? r.pick(['Separado de fato', 'Noivo(a)', 'Não informado']) : null,
    sex,
    companyCnpj: [holderCnpj(holder)],
    documents: {
      cpfNumber: cpf,
      passportNumber: passport ? passport.number : NA,
      passportCountry: foreign ? foreign.code : NA,
      passportExpirationDate: passport ? isoDate(yearsBefore(passport.issued, -10)) : NA,
      passportIssueDate: passport ? isoDate(passport.issued) : null,
    },
    hasBrazilianNationality: !foreign,
  });

  // Other documents: RG (RNE for foreigners), often a driving licence.
  out.personalOtherDocuments.push(foreign
    ? {
        id: ids.next('personalOtherDocuments'), identificationId, type: 'RNE', typeAdditionalInfo: NA,
        number: `${String.fromCharCode(65 + r.int(0, 25))}${r.digits(6)}`, checkDigit: String(r.int(0, 9)),
        additionalInfo: 'DPF', expirationDate: r.bool(0.6) ? NA : r.dateString(REFERENCE_TIME, yearsBefore(REFERENCE_TIME, -9)),
      }
    : {
        id: ids.next('personalOtherDocuments'), identificationId, type: 'RG', typeAdditionalInfo: NA,
        number: r.digits(r.int(7, 9), true), checkDigit: r.bool(0.09) ? 'X' : String(r.int(0, 9)),
        additionalInfo: `SSP/${city.uf}`, expirationDate: NA,
      });
  if (r.bool(0.45)) {
    out.personalOtherDocuments.push({
      id: ids.next('personalOtherDocuments'), identificationId, type: 'CNH', typeAdditionalInfo: NA,
      number: r.digits(9, true), checkDigit: r.digits(2), additionalInfo: `DETRAN/${city.uf}`,
      expirationDate: r.dateString(yearsBefore(REFERENCE_TIME, 1), yearsBefore(REFERENCE_TIME, -10)),
    });
  }

  // Nationality: foreigners, and a few Brazilians with a second citizenship.
  const second = foreign ? ([foreign.code, foreign.name] as const) : r.bool(0.02) ? r.weighted(SECOND_NATIONALITIES) : null;
  if (second) {
    const nationalityId = ids.next('nationalities');
    out.nationalities.push({ id: nationalityId, identificationId, otherNationalitiesInfo: second[0] });
    if (passport || r.bool(0.7)) {
      const issued = passport?.issued ?? r.day(yearsBefore(REFERENCE_TIME, 9), REFERENCE_TIME - 60 * DAY_MS).getTime();
      out.nationalityDocuments.push({
        id: ids.next('nationalityDocuments'), nationalityId, type: 'PASSAPORTE',
        number: passport?.number ?? `${String.fromCharCode(65 + r.int(0, 25))}${r.digits(8)}`,
        expirationDate: isoDate(yearsBefore(issued, -10)), issueDate: isoDate(issued), country: second[1], typeAdditionalInfo: null,
      });
    }
  }

  out.filiations.push(
    { id: ids.next('filiations'), identificationId, type: 'MAE', civilName: mother.civilName, socialName: null },
    { id: ids.next('filiations'), identificationId, type: 'PAI', civilName: father.civilName, socialName: null },
  );

  // Contacts
  const owner: Owner = { personalIdentificationId: identificationId, businessIdentificationId: null };
  out.postalAddresses.push(postalAddress(r, ids, owner, city, true, false));
  if (r.bool(0.15)) out.postalAddresses.push(postalAddress(r, ids, owner, r.bool(0.7) ? city : r.weighted(CITY_WEIGHTS), false, false));
  const landlineFirst = r.bool(0.1);
  out.phones.push(phone(r, ids, owner, city, landlineFirst ? 'FIXO' : 'MOVEL', true));
  if (landlineFirst || r.bool(0.25)) out.phones.push(phone(r, ids, owner, city, landlineFirst ? 'MOVEL' : 'FIXO', false));
  const birthYear = new Date(birthTime).getUTCFullYear();
  out.emails.push(email(ids, owner, personalEmailAddress(r, person, birthYear), true));
  if (r.bool(0.2)) out.emails.push(email(ids, owner, personalEmailAddress(r, person, birthYear), false));

  // Qualification: occupation, income and patrimony consistent with each other.
  const occupationCode = r.weighted<EnumOccupationMainCodeType>([['CBO', 55], ['RECEITA_FEDERAL', 25], ['OUTRO', 20]]);
  const [occupationDescription, minIncome, maxIncome] = r.pick(
    occupationCode === 'CBO' ? CBO_OCCUPATIONS : occupationCode === 'RECEITA_FEDERAL' ? RECEITA_OCCUPATIONS : OTHER_OCCUPATIONS,
  );
  const monthly = Number(r.amount(minIncome, maxIncome));
  const frequency = r.weighted<EnumInformedIncomeFrequency>([['MENSAL', 85], ['ANUAL', 5], ['QUINZENAL', 3], ['SEMANAL', 2], ['SEM_FREQUENCIA_RENDA_INFORMADA', 5]]);
  const perPeriod = INCOME_PERIOD_MONTHS[frequency] ?? 1;
  out.personalQualifications.push({
    id: ids.next('personalQualifications'),
    customerId,
    updateDateTime: recentUpdate(r, relationTime),
    companyCnpj: holderCnpj(holder),
    occupationCode,
    occupationDescription,
    informedIncome: { frequency, amount: (monthly * perPeriod).toFixed(2), currency: 'BRL', date: r.dateString(yearsBefore(REFERENCE_TIME, 2), REFERENCE_TIME) },
    informedPatrimony: {
      amount: r.bool(0.15) ? '0.00' : r.amount(1000, Math.max(2000, monthly * r.int(5, 200))),
      currency: 'BRL',
      year: REFERENCE_YEAR - r.int(1, 2),
    },
  });

  // Financial relation: accounts, then products (which include the accounts' types).
  const financialRelationId = ids.next('personalFinancialRelations');
  const accountTypes = weightedDistinct<HeldAccountType>(r, [['CONTA_DEPOSITO_A_VISTA', 70], ['CONTA_POUPANCA', 20], ['CONTA_PAGAMENTO_PRE_PAGA', 10]], r.bool(0.3) ? 2 : 1);
  const extraProducts = weightedDistinct<EnumProductServiceType>(r, [
    ['CARTAO_CREDITO', 40], ['INVESTIMENTO', 20], ['OPERACAO_CREDITO', 15], ['SEGURO', 10], ['PREVIDENCIA', 8], ['CONTA_SALARIO', 6], ['OPERACOES_CAMBIO', 3], ['OUTROS', 2],
  ], r.int(0, 4 - accountTypes.length));
  const products: EnumProductServiceType[] = [...accountTypes, ...extraProducts];
  out.personalFinancialRelations.push({
    id: financialRelationId,
    customerId,
    updateDateTime: recentUpdate(r, relationTime),
    startDate: relationStart,
    productsServicesTypeAdditionalInfo: products.includes('OUTROS') ? r.pick(['Consórcio', 'Título de capitalização', 'Cofre de aluguel']) : null,
  });
  for (const type of products) out.personalProductsServices.push({ id: ids.next('personalProductsServices'), financialRelationId, type });

  const procuratorType = r.weighted<PersonalProcuratorRow['type']>([['NAO_APLICA', 92], ['PROCURADOR', 6], ['REPRESENTANTE_LEGAL', age > 75 ? 10 : 2]]);
  const procurator = procuratorType === 'NAO_APLICA' ? null : brazilianPerson(r, randomSex(r));
  out.personalProcurators.push({
    id: ids.next('personalProcurators'),
    financialRelationId,
    type: procuratorType,
    cpfNumber: procurator ? randomCpf(r) : NA,
    civilName: procurator ? procurator.civilName : NA,
    socialName: NA,
  });

  const personalBranch = branchCode(r, holder);
  for (const type of accountTypes) {
    out.personalAccounts.push({
      id: ids.next('personalAccounts'),
      financialRelationId,
      compeCode: holder.compeCode,
      branchCode: personalBranch,
      ...accountNumber(r),
      type,
      subtype: type === 'CONTA_PAGAMENTO_PRE_PAGA' ? 'INDIVIDUAL' : r.weighted<EnumAccountSubType>([['INDIVIDUAL', 85], ['CONJUNTA_SIMPLES', 7], ['CONJUNTA_SOLIDARIA', 8]]),
    });
  }
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
  [['0.50', '0.50'], ['0.60', '0.40'], ['0.70', '0.30'], ['0.51', '0.49'], ['0.75', '0.25']],
  [['0.34', '0.33', '0.33'], ['0.50', '0.25', '0.25'], ['0.40', '0.30', '0.30']],
];

type CompanySize = 'micro' | 'small' | 'medium' | 'large';
const ANNUAL_REVENUE: Record<CompanySize, readonly [number, number]> = {
  micro: [60_000, 360_000],
  small: [360_000, 4_800_000],
  medium: [4_800_000, 50_000_000],
  large: [50_000_000, 500_000_000],
};

/**
 * Appends business customer `index` (all its tables) to `out`. Its values
 * depend only on the seed and the index; ids come from `ids`.
 */
export function generateBusinessCustomer(rng: Random, index: number, ids: IdSequence, out: GeneratedData): void {
  const r = rng.fork(BUSINESS_STREAM).fork(index);
  const cnpj = businessCnpj(rng.seed, index);
  const holder = r.weighted(HOLDER_WEIGHTS);
  const city = r.weighted(CITY_WEIGHTS);
  const activity = r.weighted(ACTIVITY_WEIGHTS);
  const size = r.weighted<CompanySize>([['micro', 55], ['small', 30], ['medium', 12], ['large', 3]]);
  // Most companies are young: age log-uniform between 1 and 50 years (median about 7).
  const ageYears = Math.exp(r.next() * Math.log(50));
  const incorporationDate = r.day(REFERENCE_TIME - ageYears * 365.25 * DAY_MS, REFERENCE_TIME - 90 * DAY_MS);
  const incorporation = incorporationDate.getTime();

  // Parties: 1-3 partners (shares add up to 1.00), maybe a hired administrator.
  const partnerCount = r.weighted([[1, 45], [2, 40], [3, 15]]);
  const shares = r.pick(SHARE_SPLITS[partnerCount]);
  const withAdministrator = partnerCount < 3 && r.bool(0.2);
  const familyName = brazilianSurname(r);
  const partners = shares.map((share, i) => {
    const holding = i > 0 && r.bool(0.06);
    const person = brazilianPerson(r, randomSex(r), i === 0 || r.bool(0.4) ? [brazilianSurname(r), familyName] : undefined);
    return { share, holding, person, foreign: !holding && r.bool(0.03) ? r.weighted(FOREIGN_COUNTRIES) : null };
  });

  // Names: "Padaria Estrela" / "Padaria Souza" trades as such; the corporate name adds the legal form.
  const surnames = partners.filter((p) => !p.holding).map((p) => lastSurname(p.person)).filter((s, i, all) => all.indexOf(s) === i);
  const brand = r.bool(0.5) ? r.pick(FANTASY_WORDS) : surnames[0];
  const tradeName = fit(`${activity.stem} ${brand}`, 70);
  const suffix = (size === 'medium' || size === 'large') && r.bool(0.4) ? 'S.A.' : 'Ltda';
  const companyName = fit(
    activity.suffix
      ? `${surnames.slice(0, 2).join(' & ')} ${activity.suffix}`
      : r.weighted([[`${tradeName} ${suffix}`, 4], [`${surnames.slice(0, 2).join(' & ')} ${activity.stem} ${suffix}`, 3], [`${brand} Comércio e Serviços ${suffix}`, 1]]),
    70,
  );

  const customerId = ids.next('businessCustomers');
  const identificationId = ids.next('businessIdentifications');
  out.businessCustomers.push({ id: customerId, cnpjNumber: cnpj });
  const relationStart = r.instant(Math.max(incorporation, Date.UTC(holder.since, 0, 1)), REFERENCE_TIME - 30 * DAY_MS);
  const relationTime = relationStart.getTime();
  out.businessIdentifications.push({
    id: identificationId,
    customerId,
    updateDateTime: recentUpdate(r, relationTime),
    businessId: opaqueId(r, identificationId),
    brandName: holder.brandName,
    companyName,
    tradeName,
    incorporationDate,
    cnpjNumber: cnpj,
    companyCnpjNumber: [holderCnpj(holder)],
  });

  if (r.bool(0.1)) {
    const registry = r.bool(0.5);
    out.businessOtherDocuments.push({
      id: ids.next('businessOtherDocuments'),
      identificationId,
      type: registry ? 'NIRE' : 'Inscrição Estadual',
      number: registry ? `${UF_IBGE[city.uf]}${r.digits(9)}` : r.digits(r.int(9, 12), true),
      country: 'BRA',
      expirationDate: NA,
    });
  }

  partners.forEach(({ share, holding, person, foreign }, i) => {
    const startDate = i === 0 || r.bool(0.7) ? incorporationDate : r.instant(incorporation, REFERENCE_TIME - DAY_MS);
    if (holding) {
      const holdingName = `${lastSurname(person)} Participações`;
      out.businessParties.push({
        id: ids.next('businessParties'), identificationId, personType: 'PESSOA_JURIDICA', type: 'SOCIO',
        civilName: NA, socialName: NA, companyName: `${holdingName} Ltda`, tradeName: holdingName, startDate, shareholding: share,
        documentType: 'CNPJ', documentNumber: randomCnpj(r), documentAdditionalInfo: null, documentCountry: 'BRA',
        documentExpirationDate: NA, documentIssueDate: null,
      });
      return;
    }
    const issued = foreign ? r.day(yearsBefore(REFERENCE_TIME, 9), REFERENCE_TIME - 60 * DAY_MS).getTime() : 0;
    out.businessParties.push({
      id: ids.next('businessParties'), identificationId, personType: 'PESSOA_NATURAL', type: 'SOCIO',
      civilName: foreign ? foreignPerson(r, foreign, person.sex).civilName : person.civilName, socialName: NA, companyName: NA, tradeName: null,
      startDate, shareholding: share,
      documentType: foreign ? 'PASSAPORTE' : 'CPF',
      documentNumber: foreign ? `${String.fromCharCode(65 + r.int(0, 25))}${r.digits(8)}` : randomCpf(r),
      documentAdditionalInfo: null,
      documentCountry: foreign ? foreign.code : 'BRA',
      documentExpirationDate: foreign ? isoDate(yearsBefore(issued, -10)) : NA,
      documentIssueDate: foreign ? isoDate(issued) : null,
    });
  });
  const firstPartner = out.businessParties[out.businessParties.length - partners.length];
  if (withAdministrator) {
    const administrator = brazilianPerson(r, randomSex(r));
    out.businessParties.push({
      id: ids.next('businessParties'), identificationId, personType: 'PESSOA_NATURAL', type: 'ADMINISTRADOR',
      civilName: administrator.civilName, socialName: NA, companyName: NA, tradeName: null,
      startDate: r.instant(incorporation, REFERENCE_TIME - DAY_MS), shareholding: NA,
      documentType: 'CPF', documentNumber: randomCpf(r), documentAdditionalInfo: null, documentCountry: 'BRA',
      documentExpirationDate: NA, documentIssueDate: null,
    });
  }

  // Contacts
  const owner: Owner = { personalIdentificationId: null, businessIdentificationId: identificationId };
  out.postalAddresses.push(postalAddress(r, ids, owner, city, true, true));
  if (r.bool(0.15)) out.postalAddresses.push(postalAddress(r, ids, owner, r.bool(0.6) ? city : r.weighted(CITY_WEIGHTS), false, true));
  const landlineFirst = r.bool(0.65);
  out.phones.push(phone(r, ids, owner, city, landlineFirst ? 'FIXO' : 'MOVEL', true, landlineFirst && r.bool(0.2)));
  if (r.bool(0.5)) out.phones.push(phone(r, ids, owner, city, landlineFirst ? 'MOVEL' : 'FIXO', false));
  const domain = `${slug(tradeName).slice(0, 30) || `empresa${customerId}`}.com.br`;
  out.emails.push(email(ids, owner, `${r.pick(['contato', 'atendimento', 'comercial'])}@${domain}`, true));
  if (r.bool(0.4)) out.emails.push(email(ids, owner, `financeiro@${domain}`, false));

  // Qualification: activities (one main) and revenue/patrimony by company size.
  const qualificationId = ids.next('businessQualifications');
  const [minRevenue, maxRevenue] = ANNUAL_REVENUE[size];
  const annual = Number(r.amount(minRevenue, maxRevenue));
  const revenueFrequency = r.weighted<EnumInformedRevenueFrequency>([['ANUAL', 70], ['MENSAL', 25], ['SEM_FREQUENCIA_FATURAMENTO_INFORMADO', 5]]);
  out.businessQualifications.push({
    id: qualificationId,
    customerId,
    updateDateTime: recentUpdate(r, relationTime),
    informedRevenue: {
      frequency: revenueFrequency,
      frequencyAdditionalInfo: null,
      amount: (revenueFrequency === 'MENSAL' ? annual / 12 : annual).toFixed(2),
      currency: 'BRL',
      year: revenueFrequency === 'ANUAL' ? REFERENCE_YEAR - 1 : revenueFrequency === 'MENSAL' ? REFERENCE_YEAR : null,
    },
    informedPatrimony: { amount: (annual * (0.05 + r.next() * 0.75)).toFixed(2), currency: 'BRL', date: `${REFERENCE_YEAR - 1}-12-31` },
  });
  const secondary = r.sample([...new Set([...activity.secondary, ...COMMON_SECONDARY_ACTIVITIES])], r.weighted([[0, 40], [1, 40], [2, 20]]));
  for (const [i, code] of [activity.code, ...secondary].entries()) {
    out.economicActivities.push({ id: ids.next('economicActivities'), qualificationId, code, isMain: i === 0 });
  }

  // Financial relation
  const financialRelationId = ids.next('businessFinancialRelations');
  out.businessFinancialRelations.push({ id: financialRelationId, customerId, updateDateTime: recentUpdate(r, relationTime), startDate: relationStart });
  const accountTypes = weightedDistinct<HeldAccountType>(r, [['CONTA_DEPOSITO_A_VISTA', 85], ['CONTA_PAGAMENTO_PRE_PAGA', 15]], r.bool(0.2) ? 2 : 1);
  const extraProducts = weightedDistinct<EnumProductServiceType>(r, [
    ['CREDENCIAMENTO', 30], ['OPERACAO_CREDITO', 25], ['CARTAO_CREDITO', 25], ['INVESTIMENTO', 15], ['SEGURO', 10], ['OPERACOES_CAMBIO', 5],
  ], r.int(0, 4 - accountTypes.length));
  for (const type of [...accountTypes, ...extraProducts]) out.businessProductsServices.push({ id: ids.next('businessProductsServices'), financialRelationId, type });

  const procuratorKind = r.weighted([['none', 70], ['partner', 18], ['person', 10], ['firm', 2]] as const);
  const legalRepresentative = procuratorKind === 'partner' && firstPartner.personType === 'PESSOA_NATURAL' && firstPartner.documentType === 'CPF';
  const hired = procuratorKind === 'person' ? brazilianPerson(r, randomSex(r)) : null;
  out.businessProcurators.push({
    id: ids.next('businessProcurators'),
    financialRelationId,
    ...(legalRepresentative
      ? { type: 'REPRESENTANTE_LEGAL', cnpjCpfNumber: firstPartner.documentNumber, civilName: firstPartner.civilName, socialName: NA }
      : hired
        ? { type: 'PROCURADOR', cnpjCpfNumber: randomCpf(r), civilName: hired.civilName, socialName: NA }
        : procuratorKind === 'firm'
          ? { type: 'PROCURADOR', cnpjCpfNumber: randomCnpj(r), civilName: `${brazilianSurname(r).replace(/^\w+ /, '')} Contabilidade Ltda`, socialName: NA }
          : { type: 'NAO_POSSUI', cnpjCpfNumber: NA, civilName: NA, socialName: NA }),
  });

  const businessBranch = branchCode(r, holder);
  for (const type of accountTypes) {
    out.businessAccounts.push({
      id: ids.next('businessAccounts'), financialRelationId, compeCode: holder.compeCode, branchCode: businessBranch, ...accountNumber(r), type,
    });
  }
}

/** `count` business customers with indices startIndex, startIndex+1, ... */
export function generateBusinessCustomers(rng: Random, count: number, startIndex = 0, ids = new IdSequence()): GeneratedData {
  const out = emptyGeneratedData();
  for (let index = startIndex; index < startIndex + count; index++) generateBusinessCustomer(rng, index, ids, out);
  return out;
}

// ---------------------------------------------------------------------------
// Persistence

/** Rows per INSERT statement: well under SQLite's 32766 bound parameters for the widest table. */
const ROWS_PER_INSERT = 500;

/**
 * Inserts one generated batch in a single transaction, table by table
 * (parents first) with multi-row INSERTs. Returns the number of rows.
 */
export async function insertGenerated(target: DataSource | EntityManager, data: GeneratedData): Promise<number> {
  return target.transaction(async (manager) => {
    let rows = 0;
    for (const [key, entity] of TABLES) {
      const list = data[key] as QueryDeepPartialEntity<ObjectLiteral>[];
      for (let i = 0; i < list.length; i += ROWS_PER_INSERT) {
        await manager.createQueryBuilder().insert().into(entity).values(list.slice(i, i + ROWS_PER_INSERT)).updateEntity(false).callListeners(false).execute();
      }
      rows += list.length;
    }
    return rows;
  });
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
    { wanted: options.personal, entity: PersonalCustomer, column: 'cpfNumber', taxId: personalCpf, generate: generatePersonalCustomer, table: 'personalCustomers' as const },
    { wanted: options.business, entity: BusinessCustomer, column: 'cnpjNumber', taxId: businessCnpj, generate: generateBusinessCustomer, table: 'businessCustomers' as const },
  ];
  for (const kind of kinds) {
    let nextIndex = ids.current(kind.table);
    let generated = 0;
    while (generated < kind.wanted && !failure) {
      const candidates: [number, string][] = [];
      for (const end = nextIndex + Math.min(batchSize, kind.wanted - generated); nextIndex < end; nextIndex++) {
        candidates.push([nextIndex, kind.taxId(options.seed, nextIndex)]);
      }
      const existing = await dataSource.createQueryBuilder().select(`t.${kind.column}`, 'taxId').from(kind.entity, 't')
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

// ---------------------------------------------------------------------------
// Reference data: real UFs, municipalities (IBGE codes, DDDs, CEP ranges,
// coordinates), bank COMPE codes and CNPJs, CNAE and CBO codes, common names.

/** A data holder (brand) the synthetic customers are clients of. */
export interface Holder {
  brandName: string;
  /** CNPJ root (8 digits); the head office is root + 0001 + check digits. */
  cnpjRoot: string;
  compeCode: string;
  /** Digital banks serve every customer from branch 0001. */
  singleBranch?: string;
  /** First year the brand opened accounts (relationships cannot start earlier). */
  since: number;
  weight: number;
}

export const HOLDERS: readonly Holder[] = [
  { brandName: 'Banco do Brasil', cnpjRoot: '00000000', compeCode: '001', since: 1970, weight: 18 },
  { brandName: 'Itaú', cnpjRoot: '60701190', compeCode: '341', since: 1970, weight: 17 },
  { brandName: 'Bradesco', cnpjRoot: '60746948', compeCode: '237', since: 1970, weight: 15 },
  { brandName: 'Caixa', cnpjRoot: '00360305', compeCode: '104', since: 1970, weight: 15 },
  { brandName: 'Santander', cnpjRoot: '90400888', compeCode: '033', since: 1982, weight: 10 },
  { brandName: 'Nubank', cnpjRoot: '18236120', compeCode: '260', singleBranch: '0001', since: 2014, weight: 17 },
  { brandName: 'Inter', cnpjRoot: '00416968', compeCode: '077', singleBranch: '0001', since: 2015, weight: 8 },
];

export interface City {
  uf: Uf;
  name: string;
  /** IBGE municipality code: its first two digits are the UF's IBGE code. */
  ibge: string;
  ddd: string;
  /** First five CEP digits, inclusive range. */
  cep: readonly [number, number];
  lat: number;
  lon: number;
  /** Relative population, for weighted picks. */
  weight: number;
  districts?: readonly string[];
}

type Uf = Exclude<EnumCountrySubDivision, 'NA'>;

/** IBGE numeric code of each UF (the prefix of its municipalities' codes). */
export const UF_IBGE: Readonly<Record<Uf, string>> = {
  RO: '11', AC: '12', AM: '13', RR: '14', PA: '15', AP: '16', TO: '17', MA: '21', PI: '22', CE: '23', RN: '24', PB: '25', PE: '26',
  AL: '27', SE: '28', BA: '29', MG: '31', ES: '32', RJ: '33', SP: '35', PR: '41', SC: '42', RS: '43', MS: '50', MT: '51', GO: '52', DF: '53',
};

const c = (
  uf: Uf, name: string, ibge: string, ddd: string, cep: [number, number], lat: number, lon: number, weight: number,
  districts?: string[],
): City => ({ uf, name, ibge, ddd, cep, lat, lon, weight, districts });

export const CITIES: readonly City[] = [
  c('SP', 'São Paulo', '3550308', '11', [1000, 5999], -23.5329, -46.6395, 115,
    ['Pinheiros', 'Moema', 'Tatuapé', 'Vila Mariana', 'Santana', 'Itaquera', 'Mooca', 'Liberdade', 'Butantã', 'Lapa', 'Perdizes', 'Ipiranga']),
  c('SP', 'Guarulhos', '3518800', '11', [7000, 7399], -23.4538, -46.5333, 13),
  c('SP', 'Campinas', '3509502', '19', [13000, 13139], -22.9053, -47.0659, 11, ['Cambuí', 'Taquaral', 'Barão Geraldo', 'Castelo', 'Guanabara']),
  c('SP', 'São Bernardo do Campo', '3548708', '11', [9600, 9899], -23.6914, -46.5646, 8),
  c('SP', 'Santo André', '3547809', '11', [9000, 9299], -23.6737, -46.5432, 7),
  c('SP', 'Osasco', '3534401', '11', [6000, 6299], -23.5324, -46.7916, 7),
  c('SP', 'São José dos Campos', '3549904', '12', [12200, 12248], -23.1896, -45.8841, 7),
  c('SP', 'Sorocaba', '3552205', '15', [18000, 18109], -23.4969, -47.4451, 7),
  c('SP', 'Ribeirão Preto', '3543402', '16', [14000, 14114], -21.1699, -47.8099, 7),
  c('SP', 'Santos', '3548500', '13', [11000, 11099], -23.9535, -46.335, 4, ['Gonzaga', 'Boqueirão', 'Ponta da Praia', 'Embaré', 'Aparecida']),
  c('SP', 'Marília', '3529005', '14', [17500, 17529], -22.2139, -49.9458, 2),
  c('RJ', 'Rio de Janeiro', '3304557', '21', [20000, 23799], -22.9129, -43.2003, 67,
    ['Copacabana', 'Tijuca', 'Botafogo', 'Barra da Tijuca', 'Méier', 'Campo Grande', 'Madureira', 'Flamengo', 'Ipanema', 'Bangu', 'Jacarepaguá']),
  c('RJ', 'Niterói', '3303302', '21', [24000, 24399], -22.8832, -43.1034, 5, ['Icaraí', 'Santa Rosa', 'Fonseca', 'Ingá']),
  c('RJ', 'Duque de Caxias', '3301702', '21', [25000, 25299], -22.7858, -43.3054, 9),
  c('RJ', 'Nova Iguaçu', '3303500', '21', [26000, 26099], -22.7556, -43.4603, 8),
  c('RJ', 'Petrópolis', '3303906', '24', [25600, 25779], -22.5112, -43.1779, 3),
  c('RJ', 'Campos dos Goytacazes', '3301009', '22', [28000, 28099], -21.7545, -41.3244, 5),
  c('MG', 'Belo Horizonte', '3106200', '31', [30000, 31999], -19.9102, -43.9266, 25,
    ['Savassi', 'Pampulha', 'Funcionários', 'Lourdes', 'Barreiro', 'Venda Nova', 'Santa Efigênia', 'Buritis']),
  c('MG', 'Contagem', '3118601', '31', [32000, 32399], -19.9321, -44.0539, 6),
  c('MG', 'Uberlândia', '3170206', '34', [38400, 38415], -18.9141, -48.2749, 7),
  c('MG', 'Juiz de Fora', '3136702', '32', [36000, 36099], -21.7642, -43.3496, 6),
  c('MG', 'Montes Claros', '3143302', '38', [39400, 39409], -16.735, -43.8617, 4),
  c('ES', 'Vitória', '3205309', '27', [29000, 29099], -20.3155, -40.3128, 4, ['Praia do Canto', 'Jardim da Penha', 'Jardim Camburi', 'Bento Ferreira']),
  c('ES', 'Vila Velha', '3205200', '27', [29100, 29129], -20.3417, -40.2875, 5),
  c('PR', 'Curitiba', '4106902', '41', [80000, 82999], -25.4195, -49.2646, 19,
    ['Batel', 'Água Verde', 'Portão', 'Cajuru', 'Boqueirão', 'Centro Cívico', 'Bigorrilho', 'Santa Felicidade']),
  c('PR', 'Londrina', '4113700', '43', [86000, 86099], -23.3045, -51.1696, 6),
  c('PR', 'Maringá', '4115200', '44', [87000, 87099], -23.4205, -51.9333, 4),
  c('PR', 'Cascavel', '4104808', '45', [85800, 85824], -24.9555, -53.4552, 3),
  c('SC', 'Florianópolis', '4205407', '48', [88000, 88099], -27.5945, -48.5477, 5, ['Trindade', 'Coqueiros', 'Ingleses', 'Estreito', 'Lagoa da Conceição']),
  c('SC', 'Joinville', '4209102', '47', [89200, 89239], -26.3045, -48.8487, 6),
  c('SC', 'Blumenau', '4202404', '47', [89000, 89099], -26.9194, -49.0661, 4),
  c('SC', 'Chapecó', '4204202', '49', [89800, 89816], -27.1004, -52.6152, 2),
  c('RS', 'Porto Alegre', '4314902', '51', [90000, 91999], -30.0318, -51.2065, 14,
    ['Moinhos de Vento', 'Menino Deus', 'Petrópolis', 'Sarandi', 'Restinga', 'Cidade Baixa', 'Bom Fim']),
  c('RS', 'Caxias do Sul', '4305108', '54', [95000, 95124], -29.1678, -51.1794, 5),
  c('RS', 'Pelotas', '4314407', '53', [96000, 96099], -31.7654, -52.3376, 3),
  c('RS', 'Santa Maria', '4316907', '55', [97000, 97119], -29.6868, -53.8149, 3),
  c('DF', 'Brasília', '5300108', '61', [70000, 72799], -15.7795, -47.9297, 28,
    ['Asa Sul', 'Asa Norte', 'Taguatinga', 'Ceilândia', 'Águas Claras', 'Lago Sul', 'Guará', 'Sobradinho', 'Sudoeste']),
  c('GO', 'Goiânia', '5208707', '62', [74000, 74899], -16.6864, -49.2643, 15, ['Setor Bueno', 'Setor Oeste', 'Setor Marista', 'Jardim Goiás', 'Setor Sul']),
  c('GO', 'Anápolis', '5201108', '62', [75000, 75149], -16.3281, -48.953, 4),
  c('MS', 'Campo Grande', '5002704', '67', [79000, 79129], -20.4486, -54.6295, 9),
  c('MS', 'Dourados', '5003702', '67', [79800, 79849], -22.2211, -54.8056, 2),
  c('MT', 'Cuiabá', '5103403', '65', [78000, 78109], -15.601, -56.0974, 6),
  c('MT', 'Rondonópolis', '5107602', '66', [78700, 78749], -16.4673, -54.6372, 2),
  c('BA', 'Salvador', '2927408', '71', [40000, 42599], -12.9718, -38.5011, 24,
    ['Barra', 'Pituba', 'Itapuã', 'Rio Vermelho', 'Liberdade', 'Brotas', 'Cabula', 'Graça']),
  c('BA', 'Feira de Santana', '2910800', '75', [44000, 44099], -12.2664, -38.9663, 6),
  c('BA', 'Vitória da Conquista', '2933307', '77', [45000, 45099], -14.8615, -40.8442, 3),
  c('BA', 'Ilhéus', '2913606', '73', [45650, 45666], -14.7936, -39.0463, 2),
  c('SE', 'Aracaju', '2800308', '79', [49000, 49099], -10.9091, -37.0677, 6),
  c('AL', 'Maceió', '2704302', '82', [57000, 57099], -9.66599, -35.735, 9, ['Ponta Verde', 'Pajuçara', 'Jatiúca', 'Farol', 'Benedito Bentes']),
  c('PE', 'Recife', '2611606', '81', [50000, 52999], -8.04666, -34.8771, 15,
    ['Boa Viagem', 'Casa Amarela', 'Madalena', 'Graças', 'Espinheiro', 'Várzea', 'Boa Vista']),
  c('PE', 'Jaboatão dos Guararapes', '2607901', '81', [54000, 54499], -8.113, -35.015, 6),
  c('PE', 'Caruaru', '2604106', '81', [55000, 55099], -8.276, -35.9819, 3),
  c('PE', 'Petrolina', '2611101', '87', [56300, 56339], -9.3891, -40.503, 3),
  c('PB', 'João Pessoa', '2507507', '83', [58000, 58099], -7.11509, -34.8641, 8, ['Manaíra', 'Tambaú', 'Bancários', 'Mangabeira', 'Cabo Branco']),
  c('PB', 'Campina Grande', '2504009', '83', [58400, 58439], -7.2307, -35.8817, 4),
  c('RN', 'Natal', '2408102', '84', [59000, 59149], -5.79357, -35.1986, 8, ['Ponta Negra', 'Tirol', 'Lagoa Nova', 'Petrópolis', 'Alecrim']),
  c('RN', 'Mossoró', '2408003', '84', [59600, 59649], -5.1878, -37.3442, 3),
  c('CE', 'Fortaleza', '2304400', '85', [60000, 61599], -3.71664, -38.5423, 24,
    ['Aldeota', 'Meireles', 'Messejana', 'Benfica', 'Parangaba', 'Papicu', 'Fátima']),
  c('CE', 'Juazeiro do Norte', '2307304', '88', [63000, 63099], -7.2131, -39.3151, 3),
  c('CE', 'Sobral', '2312908', '88', [62000, 62119], -3.6861, -40.3497, 2),
  c('PI', 'Teresina', '2211001', '86', [64000, 64099], -5.09194, -42.8034, 8),
  c('PI', 'Parnaíba', '2207702', '86', [64200, 64219], -2.9055, -41.7734, 1),
  c('MA', 'São Luís', '2111300', '98', [65000, 65109], -2.53874, -44.2825, 10),
  c('MA', 'Imperatriz', '2105302', '99', [65900, 65919], -5.5264, -47.4917, 3),
  c('PA', 'Belém', '1501402', '91', [66000, 66999], -1.4554, -48.4898, 13, ['Nazaré', 'Umarizal', 'Marco', 'Batista Campos', 'Pedreira']),
  c('PA', 'Ananindeua', '1500800', '91', [67000, 67199], -1.3656, -48.3722, 5),
  c('PA', 'Santarém', '1506807', '93', [68000, 68109], -2.443, -54.7083, 3),
  c('PA', 'Marabá', '1504208', '94', [68500, 68514], -5.3686, -49.1178, 3),
  c('AP', 'Macapá', '1600303', '96', [68900, 68914], 0.034934, -51.0694, 4),
  c('AM', 'Manaus', '1302603', '92', [69000, 69099], -3.11866, -60.0212, 21, ['Adrianópolis', 'Cidade Nova', 'Flores', 'Ponta Negra', 'Compensa', 'Aleixo']),
  c('RR', 'Boa Vista', '1400100', '95', [69300, 69339], 2.82384, -60.6753, 4),
  c('RO', 'Porto Velho', '1100205', '69', [76800, 76834], -8.76077, -63.8999, 5),
  c('AC', 'Rio Branco', '1200401', '68', [69900, 69923], -9.97499, -67.8243, 4),
  c('TO', 'Palmas', '1721000', '63', [77000, 77270], -10.24, -48.3558, 3),
  c('TO', 'Araguaína', '1702109', '63', [77800, 77834], -7.1911, -48.2072, 2),
];

const GENERIC_DISTRICTS = [
  'Centro', 'Jardim América', 'Vila Nova', 'Boa Vista', 'Santa Cruz', 'São José', 'Bela Vista', 'Cidade Nova', 'Parque Industrial',
  'Santo Antônio', 'Jardim das Flores', 'Vila Operária', 'Alto da Boa Vista', 'Jardim Europa', 'São Francisco', 'Nossa Senhora Aparecida',
  'Jardim Primavera', 'Planalto', 'Morada do Sol', 'Cidade Alta', 'Parque das Nações', 'Jardim Tropical', 'Vila Rica', 'Bairro Novo',
] as const;

const STREET_TYPES: readonly (readonly [string, number])[] = [['Rua', 70], ['Avenida', 20], ['Travessa', 5], ['Alameda', 3], ['Praça', 2]];

const STREET_NAMES = [
  'Sete de Setembro', 'XV de Novembro', 'Tiradentes', 'Marechal Deodoro', 'Rui Barbosa', 'Getúlio Vargas', 'Dom Pedro II', 'Santos Dumont',
  'Barão do Rio Branco', 'Duque de Caxias', 'José Bonifácio', 'Princesa Isabel', 'das Flores', 'das Palmeiras', 'dos Andradas', 'Castro Alves',
  'Machado de Assis', 'Floriano Peixoto', 'Benjamin Constant', 'Presidente Vargas', 'João Pessoa', 'Quintino Bocaiúva', 'Visconde de Mauá',
  'Padre Anchieta', 'São Paulo', 'Amazonas', 'Bahia', 'Paraná', 'Minas Gerais', 'Primeiro de Maio', 'Treze de Maio', 'Sete de Abril',
  'Conselheiro Furtado', 'Almirante Barroso', 'Cândido Portinari', 'Carlos Gomes', 'Monteiro Lobato', 'Cecília Meireles', 'Anita Garibaldi',
  'Osvaldo Cruz', 'Vinte e Um de Abril', 'Independência', 'Brasil', 'das Acácias', 'dos Ipês', 'Coronel Antônio Prado', 'Doutor Arnaldo',
] as const;

const FEMALE_NAMES = [
  'Maria', 'Ana', 'Francisca', 'Antônia', 'Adriana', 'Juliana', 'Márcia', 'Fernanda', 'Patrícia', 'Aline', 'Sandra', 'Camila', 'Amanda',
  'Bruna', 'Jéssica', 'Letícia', 'Júlia', 'Luciana', 'Vanessa', 'Mariana', 'Gabriela', 'Beatriz', 'Larissa', 'Raquel', 'Carla', 'Daniela',
  'Simone', 'Renata', 'Cristiane', 'Vitória', 'Isabela', 'Helena', 'Alice', 'Laura', 'Manuela', 'Valentina', 'Sophia', 'Lúcia', 'Tereza',
  'Rita', 'Sônia', 'Eliane', 'Débora', 'Natália', 'Priscila', 'Tatiane', 'Rafaela', 'Yasmin', 'Lívia', 'Cláudia', 'Regina', 'Vera',
] as const;

const MALE_NAMES = [
  'José', 'João', 'Antônio', 'Francisco', 'Carlos', 'Paulo', 'Pedro', 'Lucas', 'Luiz', 'Marcos', 'Gabriel', 'Rafael', 'Daniel', 'Marcelo',
  'Bruno', 'Eduardo', 'Felipe', 'Raimundo', 'Rodrigo', 'Manoel', 'Mateus', 'André', 'Fernando', 'Fábio', 'Leonardo', 'Gustavo', 'Guilherme',
  'Leandro', 'Tiago', 'Anderson', 'Ricardo', 'Márcio', 'Jorge', 'Sebastião', 'Alexandre', 'Roberto', 'Edson', 'Diego', 'Vitor', 'Sérgio',
  'Cláudio', 'Geraldo', 'Adriano', 'Luciano', 'Júlio', 'Renato', 'Arthur', 'Heitor', 'Davi', 'Bernardo', 'Miguel', 'Samuel', 'Otávio', 'Caio',
] as const;

const FEMALE_MIDDLE_NAMES = ['de Fátima', 'Aparecida', 'Cristina', 'Eduarda', 'Clara', 'Luiza', 'Carolina', 'Helena', 'Beatriz'] as const;
const MALE_MIDDLE_NAMES = ['Henrique', 'Eduardo', 'Augusto', 'Gabriel', 'Miguel', 'Antônio', 'Carlos', 'Felipe', 'Vinícius'] as const;

/** Surnames with the particle they usually take ("da Silva", "dos Santos"). */
const SURNAMES: readonly (readonly [string, string])[] = [
  ['Silva', 'da'], ['Santos', 'dos'], ['Oliveira', 'de'], ['Souza', 'de'], ['Rodrigues', ''], ['Ferreira', ''], ['Alves', ''], ['Pereira', ''],
  ['Lima', 'de'], ['Gomes', ''], ['Costa', 'da'], ['Ribeiro', ''], ['Martins', ''], ['Carvalho', 'de'], ['Almeida', 'de'], ['Lopes', ''],
  ['Soares', ''], ['Fernandes', ''], ['Vieira', ''], ['Barbosa', ''], ['Rocha', 'da'], ['Dias', ''], ['Nascimento', 'do'], ['Andrade', 'de'],
  ['Moreira', ''], ['Nunes', ''], ['Marques', ''], ['Machado', ''], ['Mendes', ''], ['Freitas', 'de'], ['Cardoso', ''], ['Ramos', ''],
  ['Gonçalves', ''], ['Santana', ''], ['Teixeira', ''], ['Araújo', 'de'], ['Pinto', ''], ['Correia', ''], ['Cavalcanti', ''], ['Monteiro', ''],
  ['Moura', 'de'], ['Batista', ''], ['Campos', ''], ['Barros', 'de'], ['Reis', 'dos'], ['Castro', 'de'], ['Farias', ''], ['Melo', 'de'],
  ['Azevedo', ''], ['Cunha', 'da'], ['Xavier', ''], ['Borges', ''], ['Duarte', ''], ['Tavares', ''], ['Brito', ''], ['Siqueira', ''],
  ['Pires', ''], ['Rezende', ''], ['Queiroz', ''], ['Fonseca', 'da'], ['Bezerra', ''], ['Miranda', ''], ['Sales', ''], ['Prado', 'do'],
  ['Magalhães', ''], ['Coelho', ''], ['Guimarães', ''], ['Medeiros', ''], ['Jesus', 'de'], ['Conceição', 'da'], ['Paula', 'de'],
];

/** Countries of foreign-born customers: ISO-3166 alpha-3, Portuguese name, name pools. */
interface Country {
  code: string;
  name: string;
  female: readonly string[];
  male: readonly string[];
  surnames: readonly string[];
}

const HISPANIC = {
  female: ['María', 'Lucía', 'Valentina', 'Sofía', 'Camila', 'Florencia', 'Daniela'],
  male: ['Juan', 'Carlos', 'Diego', 'Javier', 'Martín', 'Santiago', 'Luis'],
  surnames: ['González', 'Rodríguez', 'Fernández', 'López', 'Martínez', 'Pérez', 'Gómez', 'Sánchez', 'Díaz', 'Romero'],
};

const FOREIGN_COUNTRIES: readonly (readonly [Country, number])[] = [
  [{ code: 'PRT', name: 'Portugal', female: ['Inês', 'Joana', 'Catarina', 'Rita'], male: ['Nuno', 'Rui', 'Duarte', 'Tiago'], surnames: ['Sousa', 'Pereira', 'Ferreira', 'Carvalho', 'Lopes'] }, 12],
  [{ code: 'ARG', name: 'Argentina', ...HISPANIC }, 10],
  [{ code: 'VEN', name: 'Venezuela', ...HISPANIC }, 12],
  [{ code: 'BOL', name: 'Bolívia', ...HISPANIC }, 8],
  [{ code: 'PRY', name: 'Paraguai', ...HISPANIC }, 6],
  [{ code: 'URY', name: 'Uruguai', ...HISPANIC }, 4],
  [{ code: 'COL', name: 'Colômbia', ...HISPANIC }, 4],
  [{ code: 'HTI', name: 'Haiti', female: ['Marie', 'Rose', 'Nadège', 'Fabiola'], male: ['Jean', 'Pierre', 'Jacques', 'Wilson'], surnames: ['Joseph', 'Pierre', 'Louis', 'Charles', 'Jean-Baptiste'] }, 8],
  [{ code: 'CHN', name: 'China', female: ['Xiaoling', 'Mei', 'Hui', 'Ling'], male: ['Wei', 'Ming', 'Jun', 'Hao'], surnames: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen'] }, 4],
  [{ code: 'ITA', name: 'Itália', female: ['Giulia', 'Francesca', 'Chiara', 'Sara'], male: ['Giuseppe', 'Marco', 'Luca', 'Matteo'], surnames: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi'] }, 4],
  [{ code: 'JPN', name: 'Japão', female: ['Yuki', 'Akemi', 'Haruka', 'Keiko'], male: ['Hiroshi', 'Takeshi', 'Kenji', 'Satoshi'], surnames: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe'] }, 3],
  [{ code: 'USA', name: 'Estados Unidos', female: ['Emily', 'Sarah', 'Jessica', 'Ashley'], male: ['Michael', 'John', 'David', 'James'], surnames: ['Smith', 'Johnson', 'Williams', 'Brown', 'Miller'] }, 3],
];

/** Second nationalities of Brazilian-born customers (descendants of immigrants). */
const SECOND_NATIONALITIES: readonly (readonly [readonly [string, string], number])[] = [
  [['ITA', 'Itália'], 40], [['PRT', 'Portugal'], 30], [['ESP', 'Espanha'], 10], [['DEU', 'Alemanha'], 8], [['JPN', 'Japão'], 7], [['LBN', 'Líbano'], 5],
];

/** CBO 2002 occupations with a plausible monthly income range (BRL). */
const CBO_OCCUPATIONS: readonly (readonly [string, number, number])[] = [
  ['212405', 5000, 20000], // analista de desenvolvimento de sistemas
  ['223505', 4000, 9000], // enfermeiro
  ['225125', 12000, 40000], // médico clínico
  ['231105', 2500, 6000], // professor de educação infantil
  ['252210', 4000, 15000], // contador
  ['241005', 4000, 30000], // advogado
  ['411005', 1500, 3000], // auxiliar de escritório
  ['521110', 1500, 3500], // vendedor de comércio varejista
  ['782305', 1800, 4000], // motorista de carro de passeio
  ['514320', 1412, 2200], // faxineiro
  ['214205', 6000, 20000], // engenheiro civil
  ['322205', 2200, 4000], // técnico de enfermagem
  ['517330', 1800, 3500], // vigilante
  ['512105', 1412, 2200], // empregado doméstico nos serviços gerais
  ['142105', 6000, 20000], // gerente administrativo
  ['251510', 3500, 10000], // psicólogo clínico
  ['223208', 5000, 18000], // cirurgião-dentista clínico geral
  ['354705', 2500, 12000], // representante comercial autônomo
  ['513205', 1600, 3500], // cozinheiro geral
  ['715210', 1800, 4000], // pedreiro
  ['421125', 1412, 2300], // operador de caixa
  ['252105', 4000, 15000], // administrador
];

/** Two-digit occupation codes in the style of the IRPF declaration's tables (illustrative), with an income range. */
const RECEITA_OCCUPATIONS: readonly (readonly [string, number, number])[] = [
  ['11', 1500, 12000], ['12', 3000, 15000], ['13', 4000, 20000], ['21', 5000, 40000], ['41', 1500, 10000], ['51', 1412, 8000], ['61', 1412, 5000],
];

/** Free-text occupations (occupationCode OUTRO) with a monthly income range. */
const OTHER_OCCUPATIONS: readonly (readonly [string, number, number])[] = [
  ['Aposentado', 1412, 8000], ['Estudante', 600, 2500], ['Do lar', 500, 2000], ['Autônomo', 1500, 8000], ['Empresário', 5000, 50000],
  ['Servidor público', 3500, 20000], ['Pensionista', 1412, 5000], ['Motorista de aplicativo', 2000, 5000],
];

/** A CNAE 2.3 subclass (7 digits, none starting with 0) with related secondary activities and naming stems. */
interface Activity {
  code: number;
  /** Used in corporate and trade names ("Padaria Estrela"). */
  stem: string;
  secondary: readonly number[];
  weight: number;
  /** Professional partnerships are not "Ltda" (e.g. law firms). */
  suffix?: string;
}

const ACTIVITIES: readonly Activity[] = [
  { code: 4711302, stem: 'Supermercado', secondary: [4712100, 4722901, 4723700, 4721102], weight: 6 },
  { code: 4712100, stem: 'Mercearia', secondary: [4723700, 4722901], weight: 5 },
  { code: 4721102, stem: 'Padaria', secondary: [1091102, 5611203, 4712100], weight: 6 },
  { code: 5611201, stem: 'Restaurante', secondary: [5611203, 5620104], weight: 8 },
  { code: 5611203, stem: 'Lanchonete', secondary: [5611201, 5620104], weight: 6 },
  { code: 4530703, stem: 'Auto Peças', secondary: [4520001, 4520005], weight: 4 },
  { code: 4520001, stem: 'Auto Mecânica', secondary: [4530703, 4520005], weight: 4 },
  { code: 6201501, stem: 'Tecnologia', secondary: [6202300, 6204000, 6311900, 8599603], weight: 5 },
  { code: 6204000, stem: 'Consultoria em TI', secondary: [6201501, 6311900], weight: 3 },
  { code: 6920601, stem: 'Contabilidade', secondary: [6920602, 8211300], weight: 5 },
  { code: 6911701, stem: 'Advogados', secondary: [], weight: 3, suffix: 'Sociedade de Advogados' },
  { code: 8630503, stem: 'Clínica Médica', secondary: [8640202], weight: 3 },
  { code: 8630504, stem: 'Odontologia', secondary: [], weight: 3 },
  { code: 4771701, stem: 'Farmácia', secondary: [4772500], weight: 4 },
  { code: 4781400, stem: 'Modas', secondary: [4782201, 4772500], weight: 6 },
  { code: 4120400, stem: 'Construtora', secondary: [4399103, 7112000], weight: 3 },
  { code: 4744099, stem: 'Materiais de Construção', secondary: [4399103], weight: 4 },
  { code: 4930202, stem: 'Transportes', secondary: [4930201, 5211799], weight: 4 },
  { code: 8599604, stem: 'Treinamentos', secondary: [8599603, 7490104], weight: 2 },
  { code: 8513900, stem: 'Colégio', secondary: [8512100], weight: 2 },
  { code: 9602501, stem: 'Salão de Beleza', secondary: [9602502, 4772500], weight: 5 },
  { code: 7319002, stem: 'Marketing', secondary: [7311400], weight: 2 },
  { code: 6821801, stem: 'Imobiliária', secondary: [6810202], weight: 2 },
  { code: 7112000, stem: 'Engenharia', secondary: [7111100, 4120400], weight: 2 },
  { code: 4751201, stem: 'Informática', secondary: [9511800], weight: 3 },
  { code: 5510801, stem: 'Hotel', secondary: [5611201], weight: 1 },
  { code: 4639701, stem: 'Distribuidora de Alimentos', secondary: [4635499], weight: 2 },
  { code: 9313100, stem: 'Academia', secondary: [], weight: 2 },
  { code: 7500100, stem: 'Clínica Veterinária', secondary: [4789004, 9609208], weight: 2 },
];

/** Generic secondary activities any company may add. */
const COMMON_SECONDARY_ACTIVITIES = [8211300, 7490104, 4789099, 8219999] as const;

const FANTASY_WORDS = [
  'Bom Jesus', 'São Jorge', 'Santa Luzia', 'Estrela', 'Progresso', 'Nova Era', 'Central', 'Primavera', 'Horizonte', 'Aliança', 'Sol Nascente',
  'Real', 'Ideal', 'Paraíso', 'Pioneira', 'Ouro Verde', 'Vitória', 'Boa Esperança', 'Dois Irmãos', 'Três Marias', 'Bela Vista', 'Modelo',
  'Nacional', 'do Vale', 'da Serra', 'Litoral', 'Atlântico', 'Cruzeiro', 'Universal', 'Prime', 'Alfa', 'Delta', 'Nova Geração', 'Avenida',
] as const;

const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 55], ['hotmail.com', 15], ['outlook.com', 10], ['yahoo.com.br', 7], ['uol.com.br', 4], ['bol.com.br', 3], ['terra.com.br', 2],
  ['icloud.com', 4],
];

const HOLDER_WEIGHTS = HOLDERS.map((holder) => [holder, holder.weight] as const);
const CITY_WEIGHTS = CITIES.map((city) => [city, city.weight] as const);
const ACTIVITY_WEIGHTS = ACTIVITIES.map((activity) => [activity, activity.weight] as const);
