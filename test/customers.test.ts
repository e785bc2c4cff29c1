import { startTestGateway, TestGateway } from './support/gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway('customers');
});
afterAll(() => gw.stop());

describe('customer root fields', () => {
  it('rejects a malformed CPF with INVALID_CPF and a malformed CNPJ with INVALID_CNPJ', async () => {
    for (const cpf of ['123', '11111111111', '52998224726', '529.982.247-25']) {
      const res = await gw.query('query($c: String!) { personalCustomer(cpfNumber: $c) { cpfNumber } }', { c: cpf });
      expect(res.body.errors?.[0].extensions?.code).toBe('INVALID_CPF');
      expect(res.body.errors?.[0].extensions?.fields?.[0].field).toBe('cpfNumber');
    }
    const res = await gw.query('{ businessCustomer(cnpjNumber: "11222333000180") { cnpjNumber } }');
    expect(res.body.errors?.[0].extensions?.code).toBe('INVALID_CNPJ');
  });

  it('answers null for a valid but unknown CPF or CNPJ', async () => {
    const res = await gw.query('{ personalCustomer(cpfNumber: "52998224725") { cpfNumber } businessCustomer(cnpjNumber: "11222333000181") { cnpjNumber } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ personalCustomer: null, businessCustomer: null });
  });

  it("refuses pages above the spec's 1000 with INVALID_PARAMETER and bad cursors with INVALID_CURSOR", async () => {
    let res = await gw.query('{ personalCustomers(first: 1001) { totalCount } }');
    expect(res.body.errors?.[0].extensions?.code).toBe('INVALID_PARAMETER');
    res = await gw.query('{ personalCustomers(first: 10, after: "bogus") { totalCount } }');
    expect(res.body.errors?.[0].extensions?.code).toBe('INVALID_CURSOR');
  });

  it('refuses pages above MAX_PAGE_SIZE with PAGE_SIZE_TOO_LARGE', async () => {
    const capped = await startTestGateway('customers-capped', { maxPageSize: 50 });
    try {
      for (const root of ['personalCustomers', 'businessCustomers', 'auditLog']) {
        const res = await capped.query(`{ ${root}(first: 51) { totalCount } }`);
        expect(res.body.errors?.map((e) => [e.extensions?.code, e.extensions?.fields?.[0]?.field])).toEqual([['PAGE_SIZE_TOO_LARGE', 'first']]);
        expect((await capped.query(`{ ${root}(first: 50) { totalCount } }`)).body.errors).toBeUndefined();
      }
    } finally {
      await capped.stop();
    }
  });
});
