import { accountCheckDigit, accountNumber } from '../src/modules/customers/account-number';
import { countRows, CUSTOMER_TABLES, CustomerRecord, customerRows, IdSequence, recordCustomers } from '../src/modules/customers/customer-records';
import { businessCustomerRecord, personalCustomerRecord } from '../src/modules/demo/generator';
import { Random } from '../src/modules/demo/random';
import { startTestGateway, TestGateway } from './support/gateway';

/**
 * The read model's one write path (issue 10): the onboarding approval and the
 * demo generator both write customers through customer-records.ts, and both
 * number accounts with account-number.ts.
 */

describe('account numbers', () => {
  it('carry a modulus-11 check digit (weights 2..9 from the right; 10 and 11 become 0)', () => {
    // 1·2+0·3+7·4+0·5+8·6+5·7+7·8+7·9+8·2+1·3+4·4 = 267; 267 mod 11 = 3; 11 − 3 = 8
    expect(accountCheckDigit('41877580701')).toBe('8');
    expect(accountCheckDigit('00000001')).toBe('9'); // 2 → 11 − 2
    expect(accountCheckDigit('00000005')).toBe('1'); // 10 → 11 − 10
    expect(accountCheckDigit('00000006')).toBe('0'); // 12 mod 11 = 1 → 10 → 0
    expect(accountCheckDigit('00000000')).toBe('0'); // 0 → 11 → 0
    expect(accountNumber('00000042')).toEqual({ number: '00000042', checkDigit: accountCheckDigit('00000042') });
    expect(() => accountCheckDigit('12a4')).toThrow(RangeError);
  });
});

/** Generated records without the ids the generator hands out, as a concurrent writer (the approval) passes them. */
function unkeyed(records: CustomerRecord[]): CustomerRecord[] {
  return records.map(
    (record) => ({ ...record, id: undefined, identifications: record.identifications.map((i) => ({ ...i, id: undefined })) }) as CustomerRecord,
  );
}

describe('the write path', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('customer-records');
  });
  afterAll(() => gw.stop());

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const [table, entity] of CUSTOMER_TABLES) out[table] = await gw.dataSource.getRepository(entity).count();
    return out;
  };

  it('writes a batch with database-generated keys (the approval path) exactly as with explicit keys (the generator path)', async () => {
    const rng = new Random(11);
    const ids = new IdSequence();
    const records = [0, 1, 2].map((i) => personalCustomerRecord(rng, i, ids) as CustomerRecord).concat([0, 1].map((i) => businessCustomerRecord(rng, i, ids)));
    const expected = customerRows(records, ids);
    const before = await counts();
    const recorded = await gw.dataSource.transaction((manager) => recordCustomers(manager, unkeyed(records)));
    expect(recorded.map((c) => c.taxId)).toEqual([
      ...expected.personalCustomers.map((c) => c.cpfNumber),
      ...expected.businessCustomers.map((c) => c.cnpjNumber),
    ]);
    const after = await counts();
    for (const [table] of CUSTOMER_TABLES) expect([table, after[table] - before[table]]).toEqual([table, expected[table].length]);
    expect(Object.values(after).reduce((a, b) => a + b, 0) - Object.values(before).reduce((a, b) => a + b, 0)).toBe(countRows(expected));

    // Foreign keys point at the new parents: read back through the API.
    const personal = await gw.query(
      `query($c: String!) { personalCustomer(cpfNumber: $c) { identifications { civilName filiation { civilName }
      contacts { phones { number } emails { email } } } financialRelations { accounts { number checkDigit } } } }`,
      { c: recorded[2].taxId },
    );
    expect(personal.body.errors).toBeUndefined();
    const [identification] = personal.body.data.personalCustomer.identifications;
    expect(identification.civilName).toBe(expected.personalIdentifications[2].civilName);
    expect(identification.filiation.map((f: { civilName: string }) => f.civilName)).toEqual(
      expected.filiations.filter((f) => f.identificationId === expected.personalIdentifications[2].id).map((f) => f.civilNameOrNull),
    );
    expect(identification.contacts.emails.map((e: { email: string }) => e.email)).toEqual(
      expected.emails.filter((e) => e.personalIdentificationId === expected.personalIdentifications[2].id).map((e) => e.email),
    );
    const accounts = personal.body.data.personalCustomer.financialRelations[0].accounts;
    expect(accounts.length).toBeGreaterThan(0);
    for (const account of accounts) expect(account.checkDigit).toBe(accountCheckDigit(account.number));

    const business = await gw.query(
      `query($c: String!) { businessCustomer(cnpjNumber: $c) { identifications { companyName contacts { emails { email } } }
      qualifications { economicActivities { code isMain } } } }`,
      { c: recorded[4].taxId },
    );
    expect(business.body.errors).toBeUndefined();
    expect(business.body.data.businessCustomer.identifications[0].companyName).toBe(expected.businessIdentifications[1].companyName);
    expect(business.body.data.businessCustomer.identifications[0].contacts.emails.length).toBeGreaterThan(0);
    expect(business.body.data.businessCustomer.qualifications[0].economicActivities.filter((a: { isMain: boolean }) => a.isMain)).toHaveLength(1);
  });

  it("never merges into an existing customer, and writes nothing of a batch that fails (the caller's transaction)", async () => {
    const rng = new Random(12);
    const fresh = personalCustomerRecord(rng, 0, new IdSequence());
    const existing = personalCustomerRecord(new Random(11), 0, new IdSequence()); // written by the previous test
    const before = await counts();
    await expect(gw.dataSource.transaction((manager) => recordCustomers(manager, unkeyed([fresh, existing])))).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it('with explicit keys, continues after the rows already present', async () => {
    const ids = await IdSequence.fromDatabase(gw.dataSource);
    const start = ids.current('personalCustomers');
    const rng = new Random(13);
    const records = [0, 1].map((i) => personalCustomerRecord(rng, i, ids));
    const recorded = await gw.dataSource.transaction((manager) => recordCustomers(manager, records, ids));
    expect(recorded.map((c) => c.id)).toEqual([start + 1, start + 2]);
    expect(ids.current('personalCustomers')).toBe(start + 2);
  });
});
