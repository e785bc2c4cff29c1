/**
 * Reference data of the synthetic-customer generator, loaded once from the
 * JSON files in ./data (real UFs and municipalities with IBGE codes, DDDs and
 * CEP ranges; data holders with COMPE codes and CNPJ roots; CNAE and CBO
 * codes; common names). `npm run build` copies them next to the compiled
 * code (they are imported, like src/modules/onboarding/data/*.json). The order of
 * every list matters: the generator picks by index and by cumulative weight,
 * so reordering a file changes the customers a seed gives.
 */
import companies from './data/companies.json';
import holders from './data/holders.json';
import occupations from './data/occupations.json';
import people from './data/people.json';
import places from './data/places.json';
import { EnumCountrySubDivision } from '../customers';

export type Uf = Exclude<EnumCountrySubDivision, 'NA'>;
type Weighted<T> = readonly (readonly [T, number])[];

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

/** Countries of foreign-born customers: ISO-3166 alpha-3, Portuguese name, name pools. */
export interface Country {
  code: string;
  name: string;
  female: readonly string[];
  male: readonly string[];
  surnames: readonly string[];
}

/** A CNAE 2.3 subclass (7 digits, none starting with 0) with related secondary activities and naming stems. */
export interface Activity {
  code: number;
  /** Used in corporate and trade names ("Padaria Estrela"). */
  stem: string;
  secondary: readonly number[];
  weight: number;
  /** Professional partnerships are not "Ltda" (e.g. law firms). */
  suffix?: string;
}

/** An occupation description (or code) with a plausible monthly income range (BRL). */
export type Occupation = readonly [description: string, minMonthlyIncome: number, maxMonthlyIncome: number];

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(`demo reference data (src/modules/demo/data): ${message}`);
}

/** IBGE numeric code of each UF (the prefix of its municipalities' codes). */
export const UF_IBGE = places.ufIbgeCodes as Readonly<Record<Uf, string>>;

export const HOLDERS: readonly Holder[] = holders.holders;

export const CITIES: readonly City[] = places.cities.map((city) => {
  check(city.uf in UF_IBGE && city.ibge.startsWith(UF_IBGE[city.uf as Uf]) && /^\d{7}$/.test(city.ibge), `bad IBGE code or UF for ${city.name}`);
  check(city.cep.length === 2 && city.cep[0] <= city.cep[1] && /^\d{2}$/.test(city.ddd), `bad CEP range or DDD for ${city.name}`);
  return { ...city, uf: city.uf as Uf, cep: [city.cep[0], city.cep[1]] as const };
});

export const GENERIC_DISTRICTS: readonly string[] = places.genericDistricts;
export const STREET_TYPES: Weighted<string> = places.streetTypes.map(({ type, weight }) => [type, weight] as const);
export const STREET_NAMES: readonly string[] = places.streetNames;

export const FEMALE_NAMES: readonly string[] = people.femaleNames;
export const MALE_NAMES: readonly string[] = people.maleNames;
export const FEMALE_MIDDLE_NAMES: readonly string[] = people.femaleMiddleNames;
export const MALE_MIDDLE_NAMES: readonly string[] = people.maleMiddleNames;
/** Surnames with the particle they usually take ("da Silva", "dos Santos"); '' when none. */
export const SURNAMES: readonly (readonly [string, string])[] = people.surnames.map(({ name, particle }) => [name, particle] as const);

const namePools = people.foreignNamePools as Record<string, Omit<Country, 'code' | 'name'>>;
export const FOREIGN_COUNTRIES: Weighted<Country> = people.foreignBirthCountries.map(({ code, name, names, weight }) => {
  check(names in namePools, `unknown name pool "${names}" for ${code}`);
  return [{ code, name, ...namePools[names] }, weight] as const;
});
/** Second nationalities of Brazilian-born customers (descendants of immigrants): [alpha-3 code, Portuguese name]. */
export const SECOND_NATIONALITIES: Weighted<readonly [string, string]> = people.secondNationalities.map(
  ({ code, name, weight }) => [[code, name] as const, weight] as const,
);
export const EMAIL_DOMAINS: Weighted<string> = people.emailDomains.map(({ domain, weight }) => [domain, weight] as const);

/** CBO 2002 occupations (the code is the description sent with occupationCode CBO). */
export const CBO_OCCUPATIONS: readonly Occupation[] = occupations.cbo.map((o) => [o.code, o.minMonthlyIncome, o.maxMonthlyIncome] as const);
/** Two-digit occupation codes in the style of the IRPF declaration's tables (illustrative). */
export const RECEITA_OCCUPATIONS: readonly Occupation[] = occupations.receitaFederal.map((o) => [o.code, o.minMonthlyIncome, o.maxMonthlyIncome] as const);
/** Free-text occupations (occupationCode OUTRO). */
export const OTHER_OCCUPATIONS: readonly Occupation[] = occupations.other.map((o) => [o.description, o.minMonthlyIncome, o.maxMonthlyIncome] as const);

export const ACTIVITIES: readonly Activity[] = companies.activities.map((activity) => {
  check(
    /^[1-9]\d{6}$/.test(String(activity.code)) && activity.secondary.every((code) => /^[1-9]\d{6}$/.test(String(code))),
    `bad CNAE code in ${activity.stem}`,
  );
  return activity;
});
/** Generic secondary activities any company may add. */
export const COMMON_SECONDARY_ACTIVITIES: readonly number[] = companies.commonSecondaryActivities;
export const FANTASY_WORDS: readonly string[] = companies.fantasyWords;
