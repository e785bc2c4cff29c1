import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema, GraphQLSchema, printSchema } from 'graphql';
import { buildGatewaySchema } from '../src/schema';

/**
 * `npm run schema:check`: the schema the code builds against the last released
 * one (schema/released.graphql), diffed by @graphql-inspector/core. A breaking
 * change fails the check unless schema/breaking-changes.json declares it (type
 * and path as the check prints them, with a reason); a declaration that matches
 * no change fails too, so the list only holds what this release really breaks.
 * test/schema.test.ts runs the same check.
 */

const SCHEMA_DIR = join(__dirname, '..', 'schema');

/** One breaking change declared as intended. */
export interface DeclaredChange {
  type: string;
  path: string;
  reason: string;
}

export interface SchemaCheck {
  /** Breaking changes not declared: each fails the check. */
  undeclared: Change[];
  /** Declarations matching no breaking change (or without a reason): each fails the check. */
  invalid: { declared: DeclaredChange; problem: string }[];
  /** Declared breaking changes, and dangerous ones (e.g. an enum value added): reported, not failed. */
  declared: Change[];
  dangerous: Change[];
}

const keyOf = (change: { type: string; path?: string }) => `${change.type} ${change.path ?? ''}`;

export function releasedSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(SCHEMA_DIR, 'released.graphql'), 'utf8'));
}

export function declaredChanges(): DeclaredChange[] {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, 'breaking-changes.json'), 'utf8')) as DeclaredChange[];
}

export async function checkSchema(released: GraphQLSchema, current: GraphQLSchema, declarations: DeclaredChange[]): Promise<SchemaCheck> {
  const changes = await diff(released, current);
  const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  const declaredKeys = new Set(declarations.map(keyOf));
  const breakingKeys = new Set(breaking.map(keyOf));
  const invalid = declarations.flatMap((declared) => {
    if (typeof declared.reason !== 'string' || declared.reason.trim() === '') return [{ declared, problem: 'has no reason' }];
    return breakingKeys.has(keyOf(declared)) ? [] : [{ declared, problem: 'matches no breaking change (remove it)' }];
  });
  return {
    undeclared: breaking.filter((change) => !declaredKeys.has(keyOf(change))),
    invalid,
    declared: breaking.filter((change) => declaredKeys.has(keyOf(change))),
    dangerous: changes.filter((change) => change.criticality.level === CriticalityLevel.Dangerous),
  };
}

/** The check as printed by the script; an empty `failures` means it passed. */
export function report(check: SchemaCheck): { lines: string[]; failures: number } {
  const lines: string[] = [];
  for (const change of check.undeclared) {
    lines.push(`BREAKING (not declared): ${change.message}`);
    lines.push(`  declare it in schema/breaking-changes.json: ${JSON.stringify({ type: change.type, path: change.path ?? '', reason: '' })}`);
  }
  for (const { declared, problem } of check.invalid) lines.push(`INVALID declaration ${JSON.stringify(declared)}: ${problem}`);
  for (const change of check.declared) lines.push(`breaking (declared): ${change.message}`);
  for (const change of check.dangerous) lines.push(`dangerous: ${change.message}`);
  return { lines, failures: check.undeclared.length + check.invalid.length };
}

/** The schema the code builds, as SDL like the baseline (a code-built schema has no directive usages in its AST: inspector would see them removed). */
export async function currentSchema(): Promise<GraphQLSchema> {
  return buildSchema(printSchema(await buildGatewaySchema()));
}

if (require.main === module) {
  currentSchema()
    .then((current) => checkSchema(releasedSchema(), current, declaredChanges()))
    .then((check) => {
      const { lines, failures } = report(check);
      for (const line of lines) console.log(line);
      console.log(
        failures ? `schema check failed: ${failures} problem(s)` : 'schema check passed: no undeclared breaking change since schema/released.graphql',
      );
      process.exit(failures ? 1 : 0);
    })
    .catch((error) => {
      console.error(error);
      process.exit(2);
    });
}
