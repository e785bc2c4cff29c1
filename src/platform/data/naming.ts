import { DefaultNamingStrategy } from 'typeorm';

/**
 * Columns of embedded objects keep the property's camel case:
 * `documents.cpfNumber` → `documentCpfNumber` (TypeORM's default would write `documentCpfnumber`).
 */
export class GatewayNamingStrategy extends DefaultNamingStrategy {
  columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    const name = customName ?? propertyName;
    return embeddedPrefixes.length ? `${embeddedPrefixes.join('')}${name[0].toUpperCase()}${name.slice(1)}` : name;
  }
}
