import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, printSchema } from 'graphql';
import { checkSchema, currentSchema, declaredChanges, releasedSchema, report } from '../scripts/schema-check';
import { buildGatewaySchema } from '../src/schema';

describe('schema/schema.graphql', () => {
  it('is exactly what the code emits (run `npm run schema:emit` after changing the API)', async () => {
    const emitted = `${printSchema(await buildGatewaySchema())}\n`;
    const checkedIn = readFileSync(join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8');
    expect(checkedIn).toBe(emitted);
  });
});

describe('schema changes against schema/released.graphql (`npm run schema:check`)', () => {
  it('has no breaking change since the release that is not declared in schema/breaking-changes.json, and no stale declaration', async () => {
    const { lines, failures } = report(await checkSchema(releasedSchema(), await currentSchema(), declaredChanges()));
    expect(lines.filter((line) => /^(BREAKING|INVALID)/.test(line))).toEqual([]);
    expect(failures).toBe(0);
  });

  it('fails on a breaking change until it is declared with a reason, and on a declaration that matches no change', async () => {
    const released = buildSchema('type Query { a: Int b: String }');
    const current = buildSchema('type Query { a: Int c: String }'); // b removed (breaking), c added (safe)
    const undeclared = await checkSchema(released, current, []);
    expect(undeclared.undeclared.map(({ type, path }) => ({ type, path }))).toEqual([{ type: 'FIELD_REMOVED', path: 'Query.b' }]);
    expect(report(undeclared).failures).toBe(1);
    expect(report(undeclared).lines[1]).toContain('{"type":"FIELD_REMOVED","path":"Query.b","reason":""}');

    const declared = await checkSchema(released, current, [{ type: 'FIELD_REMOVED', path: 'Query.b', reason: 'b was never used by a client' }]);
    expect(report(declared)).toEqual({ lines: ["breaking (declared): Field 'b' was removed from object type 'Query'"], failures: 0 });

    const noReason = await checkSchema(released, current, [{ type: 'FIELD_REMOVED', path: 'Query.b', reason: ' ' }]);
    expect(noReason.invalid.map((i) => i.problem)).toEqual(['has no reason']);
    expect(report(noReason).failures).toBe(1);

    const stale = await checkSchema(released, released, [{ type: 'FIELD_REMOVED', path: 'Query.b', reason: 'reverted since' }]);
    expect(stale.invalid.map((i) => i.problem)).toEqual(['matches no breaking change (remove it)']);
    expect(report(stale).failures).toBe(1);
  });
});
