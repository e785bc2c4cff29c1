import { maskPersonalData } from '../src/platform/observability/logger';
import { completeCnpj, isAlphanumericCnpj, isValidCnpj } from '../src/platform/documents';

/**
 * Receita Federal's check digits for alphanumeric CNPJs (spec/openfinance-customers-v2/SOURCE.md):
 * each character counts as its code minus 48 (A = 17 … Z = 42), modulus-11 with the usual weights.
 */
describe('CNPJ check digits', () => {
  it("accept SOURCE.md's alphanumeric example and compute its digits", () => {
    expect(isValidCnpj('12ABC34501DE35')).toBe(true);
    expect(completeCnpj('12ABC34501DE')).toBe('12ABC34501DE35');
    expect(isAlphanumericCnpj('12ABC34501DE35')).toBe(true);
  });

  it("keep every all-digit CNPJ's old digits under the same rule", () => {
    expect(isValidCnpj('11222333000181')).toBe(true);
    expect(completeCnpj('112223330001')).toBe('11222333000181');
    expect(isAlphanumericCnpj('11222333000181')).toBe(false);
    expect(isValidCnpj('11222333000182')).toBe(false);
    expect(isValidCnpj('11111111111111')).toBe(false);
  });

  it('refuse lowercase letters, letters in the check digits, wrong digits, masks and other lengths', () => {
    expect(isValidCnpj('12abc34501de35')).toBe(false);
    expect(isValidCnpj('12ABC34501DE36')).toBe(false);
    expect(isValidCnpj('12ABC34501DF35')).toBe(false);
    expect(isValidCnpj('12ABC34501D3E5')).toBe(false);
    expect(isValidCnpj('12.ABC.345/01DE-35')).toBe(false);
    expect(isValidCnpj('12ABC34501DE3')).toBe(false);
    expect(isValidCnpj('12ABC34501DE350')).toBe(false);
    expect(isValidCnpj('12ÁBC34501DE35')).toBe(false);
    expect(() => completeCnpj('12abc34501de')).toThrow(RangeError);
  });

  it('counts a letter as its code minus 48 (A = 17)', () => {
    // A00000000001: 17×5 + 1×2 = 87, 87 mod 11 = 10 → 1; 17×6 + 1×3 + 1×2 = 107, 107 mod 11 = 8 → 3.
    expect(completeCnpj('A00000000001')).toBe('A0000000000113');
    expect(isValidCnpj('A0000000000113')).toBe(true);
  });
});

describe('log masking of alphanumeric CNPJs', () => {
  it('masks them bare or punctuated, upper- or lowercase, and leaves words and longer tokens alone', () => {
    expect(maskPersonalData('cnpj 12ABC34501DE35 and 12.ABC.345/01DE-35')).toBe('cnpj 12A*****E35 and 12A*****E35');
    expect(maskPersonalData('typo 12abc34501de35')).toBe('typo 12a*****e35');
    expect(maskPersonalData('REGISTRATION01 x12ABC34501DE35 12ABC34501DE35x')).toBe('REGISTRATION01 x12ABC34501DE35 12ABC34501DE35x');
    expect(maskPersonalData('cnpj 11222333000181')).toBe('cnpj 112*****181');
  });
});
