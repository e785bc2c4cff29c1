import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSchema } from 'graphql';
import { buildGatewaySchema } from '../src/schema';

describe('schema/schema.graphql', () => {
  it('is exactly what the code emits (run `npm run schema:emit` after changing the API)', async () => {
    const emitted = `${printSchema(await buildGatewaySchema())}\n`;
    const checkedIn = readFileSync(join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8');
    expect(checkedIn).toBe(emitted);
  });
});
