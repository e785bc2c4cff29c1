import { createHash } from 'node:crypto';
import { AREA_CODES } from '../customers';
import { DEMO_BUSINESS_CUSTOMERS, DEMO_FIRST_CNPJ, DEMO_PERSONAL_CUSTOMERS, DEMO_SEED } from './demo-data';
import {
  ALPHANUMERIC_CNPJ_PER_MILLE,
  businessCnpj,
  concatGeneratedData,
  hasAlphanumericCnpj,
  generateBusinessCustomers,
  generatePersonalCustomers,
  IdSequence,
  personalCpf,
  UF_IBGE,
} from './generator';
import { Random } from './random';
import { isAlphanumericCnpj, isValidCnpj, isValidCpf } from '../../platform/documents';

/**
 * The synthetic data generator: reproducible from the seed, valid and unique
 * tax ids, values within the spec's patterns and limits (the full JSON-schema
 * check is in test/spec-conformance.test.ts; seeding a real database in
 * test/generator.test.ts).
 */

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

describe('random', () => {
  it('is reproducible from the seed, and forks do not depend on draws', () => {
    const a = new Random(42);
    const b = new Random(42);
    expect(Array.from({ length: 5 }, () => a.next32())).toEqual(Array.from({ length: 5 }, () => b.next32()));
    expect(new Random(43).next32()).not.toBe(new Random(42).next32());
    const fresh = new Random(42).fork(7).next32();
    expect(a.fork(7).next32()).toBe(fresh);
    expect(new Random(42).fork(8).next32()).not.toBe(fresh);
  });
});

describe('tax ids', () => {
  it('are valid and unique per index (100,000 CPFs, 50,000 CNPJs)', () => {
    const cpfs = Array.from({ length: 100_000 }, (_, i) => personalCpf(1, i));
    expect(new Set(cpfs).size).toBe(cpfs.length);
    expect(cpfs.filter((cpf) => !isValidCpf(cpf))).toEqual([]);
    const cnpjs = Array.from({ length: 50_000 }, (_, i) => businessCnpj(1, i));
    expect(new Set(cnpjs).size).toBe(cnpjs.length);
    expect(cnpjs.filter((cnpj) => !isValidCnpj(cnpj))).toEqual([]);
    expect(personalCpf(1, 0)).not.toBe(personalCpf(2, 0));
    expect(() => personalCpf(1, 1e9)).toThrow(RangeError);
  });
});

describe('alphanumeric CNPJs', () => {
  it('go to about a tenth of the companies, valid, unique, never colliding with numeric ones', () => {
    const cnpjs = Array.from({ length: 20_000 }, (_, i) => businessCnpj(1, i));
    const alphanumeric = cnpjs.filter(isAlphanumericCnpj);
    expect(alphanumeric.length / cnpjs.length).toBeGreaterThan(ALPHANUMERIC_CNPJ_PER_MILLE / 1000 - 0.01);
    expect(alphanumeric.length / cnpjs.length).toBeLessThan(ALPHANUMERIC_CNPJ_PER_MILLE / 1000 + 0.01);
    expect(alphanumeric.every((cnpj) => /^[0-9A-Z]{12}[0-9]{2}$/.test(cnpj) && isValidCnpj(cnpj))).toBe(true);
    expect(new Set(cnpjs).size).toBe(cnpjs.length);
    expect(cnpjs.every((cnpj, i) => isAlphanumericCnpj(cnpj) === hasAlphanumericCnpj(1, i))).toBe(true);
  });

  it("come from a stream of their own: today's demo set does not move (only company 8 changes its CNPJ)", () => {
    const business = generateBusinessCustomers(new Random(DEMO_SEED), DEMO_BUSINESS_CUSTOMERS);
    const personal = generatePersonalCustomers(new Random(DEMO_SEED), DEMO_PERSONAL_CUSTOMERS);
    // The demo's CNPJs before alphanumeric CNPJs existed, but index 8.
    expect(business.businessCustomers.map((c) => c.cnpjNumber)).toEqual([
      '36645981000171',
      '18914020000133',
      '65767072000104',
      '29749622000107',
      '06228867000185',
      '49801905000150',
      '99142431000150',
      '83226676000125',
      '1FHN2UFX000102',
      '54536878000175',
      '21782829000163',
      '47785067000142',
      '89726438000165',
      '75726513000183',
      '48522437000111',
      '36799275000184',
      '93064186000123',
      '93309923000100',
      '89181765000189',
      '90868933000198',
    ]);
    expect(DEMO_FIRST_CNPJ).toBe('36645981000171');
    // Every other value of the demo set (ids, businessIds, names, dates, …): the SHA-256 the generator gave before this change.
    // The Customers API 2.x tables (salary links, issue 23) come from their own stream too and are not part of it.
    const before = <T extends object>({
      paychecksBankLinks: _links,
      portabilitiesReceived: _received,
      ...rest
    }: T & { paychecksBankLinks: unknown; portabilitiesReceived: unknown }) => rest;
    const withoutEmployer = personal.personalQualifications.map(({ employerCnpjCpf: _cnpjCpf, employerName: _name, ...rest }) => rest);
    const strip = <T extends { cnpjNumber: string }>(rows: T[]) => rows.map(({ cnpjNumber: _cnpj, ...rest }) => rest);
    // Issue 23 stores NULL instead of 1.0.3's literal NA, in properties named `…OrNull` (the database column keeps the 1.0.3
    // name): written back as before (that name, NULL as NA), the set must not move otherwise.
    const storedAsBefore = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(storedAsBefore);
      if (value === null || typeof value !== 'object' || value instanceof Date) return value;
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => (key.endsWith('OrNull') ? [key.slice(0, -'OrNull'.length), item ?? 'NA'] : [key, storedAsBefore(item)])),
      );
    };
    const json = JSON.stringify(
      storedAsBefore({
        personal: { ...before(personal), personalQualifications: withoutEmployer },
        business: {
          ...before(business),
          businessCustomers: strip(business.businessCustomers),
          businessIdentifications: strip(business.businessIdentifications),
        },
      }),
    );
    expect(createHash('sha256').update(json).digest('hex')).toBe('a7f5abd5abd49c59bb4240457de74421234e732020b690a464cfbb7833b8892e');
  });
});

describe('Customers API 2.x salary links (issue 23)', () => {
  it('a salary account (CONTA_SALARIO) is held here for an employer; a few portabilities come from another bank; ISPB is the CNPJ root', () => {
    const personal = generatePersonalCustomers(new Random(DEMO_SEED), 400);
    const salaryRelations = new Set(personal.personalProductsServices.filter((p) => p.type === 'CONTA_SALARIO').map((p) => p.financialRelationId));
    expect(personal.paychecksBankLinks.length).toBe(salaryRelations.size);
    expect(salaryRelations.size).toBeGreaterThan(0);
    const relations = new Map(personal.personalFinancialRelations.map((relation) => [relation.id, relation]));
    const holderCnpj = new Map(personal.personalQualifications.map((q) => [q.customerId, q.companyCnpj]));
    for (const link of personal.paychecksBankLinks) {
      const relation = relations.get(link.financialRelationId)!;
      expect(salaryRelations.has(link.financialRelationId)).toBe(true);
      expect(link.paycheckBankCnpj).toBe(holderCnpj.get(relation.customerId));
      expect(link.paycheckBankIspb).toBe(link.paycheckBankCnpj.slice(0, 8));
      expect(isValidCnpj(link.employerCnpjCpf)).toBe(true);
      expect(link.accountOpeningDate >= relation.startDate.toISOString().slice(0, 10)).toBe(true);
    }
    // The qualification's employer is the salary's (a portability's first, else the salary account's); unknown otherwise.
    const qualifications = new Map(personal.personalQualifications.map((q) => [q.customerId, q]));
    for (const [relationId, relation] of relations) {
      const salary =
        personal.portabilitiesReceived.find((p) => p.financialRelationId === relationId) ??
        personal.paychecksBankLinks.find((p) => p.financialRelationId === relationId);
      const qualification = qualifications.get(relation.customerId)!;
      expect([qualification.employerCnpjCpf, qualification.employerName]).toEqual(salary ? [salary.employerCnpjCpf, salary.employerName] : [null, null]);
    }
    expect(personal.portabilitiesReceived.length).toBeGreaterThan(0);
    expect(personal.portabilitiesReceived.length).toBeLessThan(personal.personalCustomers.length * 0.1);
    for (const received of personal.portabilitiesReceived) {
      expect(received.paycheckBankDetainerIspb).toBe(received.paycheckBankDetainerCnpj.slice(0, 8));
      expect(received.paycheckBankDetainerCnpj).not.toBe(holderCnpj.get(relations.get(received.financialRelationId)!.customerId));
    }
  });
});

/** The rows of `rows` that break `ok`, for one readable assertion per rule. */
function violations<T>(rows: T[], ok: (row: T) => boolean): T[] {
  return rows.filter((row) => !ok(row)).slice(0, 5);
}

describe('generator', () => {
  const PERSONAL = 1500;
  const BUSINESS = 500;
  const personal = generatePersonalCustomers(new Random(7), PERSONAL);
  const business = generateBusinessCustomers(new Random(7), BUSINESS);

  it('is deterministic: the same seed gives the same customers, however the run is batched', () => {
    const ids = new IdSequence();
    const batched = concatGeneratedData(
      generatePersonalCustomers(new Random(7), 600, 0, ids),
      generatePersonalCustomers(new Random(7), PERSONAL - 600, 600, ids),
    );
    expect(batched.personalCustomers.map((c) => c.cpfNumber)).toEqual(personal.personalCustomers.map((c) => c.cpfNumber));
    expect(batched).toEqual(personal);
    expect(generateBusinessCustomers(new Random(7), BUSINESS)).toEqual(business);

    const other = generatePersonalCustomers(new Random(8), 10);
    expect(other.personalCustomers[0].cpfNumber).not.toBe(personal.personalCustomers[0].cpfNumber);
  });

  it('produces valid CPFs and CNPJs everywhere', () => {
    const cpfs = [
      ...personal.personalCustomers.map((c) => c.cpfNumber),
      ...personal.personalIdentifications.map((i) => i.documents.cpfNumber),
      ...personal.personalProcurators.flatMap((p) => p.cpfNumberOrNull ?? []),
      ...business.businessParties.filter((p) => p.documentType === 'CPF').map((p) => p.documentNumber),
      ...business.businessProcurators.flatMap((p) => (p.cnpjCpfNumberOrNull?.length === 11 ? [p.cnpjCpfNumberOrNull] : [])),
    ];
    const cnpjs = [
      ...business.businessCustomers.map((c) => c.cnpjNumber),
      ...business.businessParties.filter((p) => p.documentType === 'CNPJ').map((p) => p.documentNumber),
      ...business.businessProcurators.flatMap((p) => (p.cnpjCpfNumberOrNull?.length === 14 ? [p.cnpjCpfNumberOrNull] : [])),
      ...personal.personalIdentifications.flatMap((i) => i.companyCnpj),
      ...business.businessIdentifications.flatMap((i) => i.companyCnpjNumber),
    ];
    expect(violations(cpfs, isValidCpf)).toEqual([]);
    expect(violations(cnpjs, isValidCnpj)).toEqual([]);
    expect(new Set(personal.personalCustomers.map((c) => c.cpfNumber)).size).toBe(PERSONAL);
    expect(new Set(personal.personalIdentifications.map((i) => i.personalId)).size).toBe(PERSONAL);
    expect(new Set(business.businessIdentifications.map((i) => i.businessId)).size).toBe(BUSINESS);
  });

  it('keeps contacts real and consistent with the spec patterns', () => {
    const addresses = [...personal.postalAddresses, ...business.postalAddresses];
    expect(
      violations(
        addresses,
        (a) =>
          /^\d{7}$/.test(a.ibgeTownCode!) &&
          a.ibgeTownCode!.startsWith(UF_IBGE[a.countrySubDivision as keyof typeof UF_IBGE]) &&
          /^\d{8}$/.test(a.postCode) &&
          a.address.length <= 150 &&
          (a.additionalInfo ?? '').length <= 30 &&
          a.districtName.length <= 50,
      ),
    ).toEqual([]);
    expect(
      violations(
        addresses.filter((a) => a.coordinates.latitude !== null),
        ({ coordinates: { latitude, longitude } }) =>
          /^-?\d{1,2}\.\d{1,9}$/.test(latitude!) &&
          /^-?\d{1,3}\.\d{1,8}$/.test(longitude!) &&
          Math.abs(Number(latitude)) <= 90 &&
          Math.abs(Number(longitude)) <= 180,
      ),
    ).toEqual([]);
    const phones = [...personal.phones, ...business.phones];
    expect(
      violations(
        phones,
        (p) =>
          p.countryCallingCodeOrNull === '55' &&
          (AREA_CODES as readonly (string | null)[]).includes(p.areaCodeOrNull) &&
          p.areaCodeOrNull !== 'NA' &&
          (p.type === 'MOVEL' ? /^9\d{8}$/ : /^[2-5]\d{7}$/).test(p.number) &&
          (p.phoneExtensionOrNull === null || /^\d{1,5}$/.test(p.phoneExtensionOrNull)),
      ),
    ).toEqual([]);
    const emails = [...personal.emails, ...business.emails];
    expect(violations(emails, (e) => /^[a-z0-9._]+@[a-z0-9.]+\.[a-z]{2,}$/.test(e.email))).toEqual([]);
    // Exactly one main address, phone and e-mail per identification.
    for (const rows of [addresses, phones, emails] as {
      isMain: boolean;
      personalIdentificationId: number | null;
      businessIdentificationId: number | null;
    }[][]) {
      const groups = [...groupBy(rows, (row) => `${row.personalIdentificationId}/${row.businessIdentificationId}`).values()];
      expect(groups).toHaveLength(PERSONAL + BUSINESS);
      expect(violations(groups, (group) => group.filter((row) => row.isMain).length === 1)).toEqual([]);
    }
  });

  it('fills personal data within the spec limits', () => {
    expect(
      violations(
        personal.personalIdentifications,
        (i) =>
          i.civilName.length <= 70 &&
          (i.socialNameOrNull ?? '').length <= 70 &&
          /^\d{4}-\d{2}-\d{2}$/.test(i.birthDate) &&
          i.updateDateTime.getTime() % 1000 === 0 &&
          /^[a-zA-Z0-9][a-zA-Z0-9-]{0,99}$/.test(i.personalId) &&
          (i.maritalStatusCode === 'OUTRO') === (i.maritalStatusAdditionalInfo !== null),
      ),
    ).toEqual([]);
    const foreigners = personal.personalIdentifications.filter((i) => !i.hasBrazilianNationality).length;
    expect(foreigners).toBeGreaterThan(0);
    expect(foreigners).toBeLessThan(PERSONAL * 0.1);
    expect(personal.filiations).toHaveLength(2 * PERSONAL);
    expect(new Set(personal.filiations.map((f) => f.type))).toEqual(new Set(['MAE', 'PAI']));
    expect(violations(personal.personalOtherDocuments, (d) => /^[0-9A-Z]{1,11}$/.test(d.numberOrNull!) && /^[0-9X]{1,2}$/.test(d.checkDigitOrNull!))).toEqual(
      [],
    );
    expect(violations(personal.nationalityDocuments, (d) => d.type.length <= 10)).toEqual([]);

    const products = groupBy(personal.personalProductsServices, (p) => p.financialRelationId);
    expect(
      violations(personal.personalFinancialRelations, (relation) => {
        const types = products.get(relation.id)?.map((p) => p.type) ?? [];
        return (
          types.length >= 1 &&
          types.length <= 4 &&
          new Set(types).size === types.length &&
          (relation.productsServicesTypeAdditionalInfo !== null) === types.includes('OUTROS')
        );
      }),
    ).toEqual([]);
    expect(groupBy(personal.personalProcurators, (p) => p.financialRelationId).size).toBe(PERSONAL);
    expect(personal.personalProcurators.filter((p) => p.type === 'NAO_APLICA').length).toBeGreaterThan(PERSONAL * 0.8);
    expect(violations(personal.personalProcurators, (p) => (p.type === 'NAO_APLICA') === (p.cpfNumberOrNull === null && p.civilNameOrNull === null))).toEqual(
      [],
    );
    expect(
      violations(
        personal.personalAccounts,
        (a) =>
          ['001', '237', '341', '104', '033', '260', '077'].includes(a.compeCode) &&
          /^\d{4}$/.test(a.branchCodeOrNull!) &&
          /^\d{8,12}$/.test(a.number) &&
          /^\d$/.test(a.checkDigit),
      ),
    ).toEqual([]);
    expect(
      violations(
        personal.personalQualifications,
        (q) =>
          /^\d{1,15}\.\d{2}$/.test(q.informedIncome.amount) && /^\d{1,15}\.\d{2}$/.test(q.informedPatrimony.amount) && q.occupationDescription.length <= 100,
      ),
    ).toEqual([]);
  });

  it('fills business data within the spec limits', () => {
    const activities = [...groupBy(business.economicActivities, (a) => a.qualificationId).values()];
    expect(activities).toHaveLength(BUSINESS);
    expect(
      violations(
        activities,
        (group) =>
          group.filter((a) => a.isMain).length === 1 &&
          group.length <= 3 &&
          new Set(group.map((a) => a.code)).size === group.length &&
          group.every(({ code }) => code >= 1_000_000 && code <= 9_999_999),
      ),
    ).toEqual([]);
    // Partners' shares follow the YAML's pattern within its maxLength 4, and add up to 100%.
    const parties = [...groupBy(business.businessParties, (p) => p.identificationId).values()];
    expect(parties).toHaveLength(BUSINESS);
    expect(
      violations(parties, (group) => {
        const shares = group.flatMap((p) => p.shareholdingOrNull ?? []);
        return (
          group.length >= 1 &&
          group.length <= 3 &&
          shares.every((share) => /^\d\.\d{2}$/.test(share)) &&
          shares.reduce((total, share) => total + Math.round(Number(share) * 100), 0) === 100
        );
      }),
    ).toEqual([]);
    expect(
      violations(
        business.businessIdentifications,
        (i) => i.companyName.length <= 70 && i.tradeName.length <= 70 && i.incorporationDate.getTime() < Date.UTC(2025, 11, 1),
      ),
    ).toEqual([]);
    expect(
      violations(
        [...groupBy(business.businessProductsServices, (p) => p.financialRelationId).values()],
        (types) => types.length >= 1 && types.length <= 4 && new Set(types.map((t) => t.type)).size === types.length,
      ),
    ).toEqual([]);
    expect(business.businessProcurators).toHaveLength(BUSINESS);
    expect(business.businessOtherDocuments.length).toBeGreaterThan(0);
  });
});
