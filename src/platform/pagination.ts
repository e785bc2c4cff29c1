import { ClassType, Field, Int, ObjectType, ArgsType } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { GraphQLResolveInfo, Kind, SelectionNode } from 'graphql';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { InputError } from './errors';
import { PlatformError } from './platform-errors';

/**
 * The one pagination helper: Relay-style cursor connections over a TypeORM
 * query, keyset-paginated on the entity's integer primary key (stable order,
 * no OFFSET scans on deep pages).
 */
export const DEFAULT_PAGE_SIZE = 25;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: 'Page size, 1 to the configured maximum (1000 at most, as in the spec).' })
  @Min(1)
  @Max(1000)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
  after?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds the `XConnection` and `XEdge` GraphQL types for a node type. */
export function ConnectionType<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of nodes matching the filter, over all pages.' })
    totalCount!: number;
  }
  return ConnectionClass;
}

const CURSOR_PREFIX = 'cursor:v1:';

export function encodeCursor(id: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const id = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(id) || id < 0) {
    throw new InputError([{ field: 'after', code: PlatformError.INVALID_CURSOR, message: 'cursor is not one this API issued' }]);
  }
  return id;
}

/** Whether the connection field's selection asks for `name` (directly, in inline fragments or named fragments). */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (selections: readonly SelectionNode[]): boolean =>
    selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet.selections);
      const fragment = info.fragments[selection.name.value];
      return fragment ? visit(fragment.selectionSet.selections) : false;
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet?.selections ?? []));
}

/**
 * Runs one page of `query` (already filtered) ordered by `alias.id`, and its
 * total count only when the client selected `totalCount` (a COUNT over a large
 * table costs more than the page itself). With `columns`, only those plain
 * columns (and the key) are read, as raw rows: no entity hydration.
 */
export async function paginate<T extends ObjectLiteral & { id: number }>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
  maxPageSize: number,
  info?: GraphQLResolveInfo,
  columns?: readonly (keyof T & string)[],
): Promise<Connection<T>> {
  if (args.first > maxPageSize) {
    throw new InputError([{ field: 'first', code: PlatformError.PAGE_SIZE_TOO_LARGE, message: `at most ${maxPageSize} items per page` }]);
  }
  const alias = query.alias;
  const totalCount = !info || selects(info, 'totalCount') ? await query.clone().getCount() : 0;
  // Filters are EXISTS sub-queries (one row per node), so LIMIT is exact.
  const page = query
    .clone()
    .orderBy(`${alias}.id`, 'ASC')
    .limit(args.first + 1);
  if (args.after) page.andWhere(`${alias}.id > :afterId`, { afterId: decodeCursor(args.after) });
  const rows = columns ? await rawRows(page, columns) : await page.getMany();
  const nodes = rows.slice(0, args.first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > args.first,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** The page's rows as plain objects of `id` and `columns`, read without entity hydration. */
async function rawRows<T extends ObjectLiteral & { id: number }>(page: SelectQueryBuilder<T>, columns: readonly string[]): Promise<T[]> {
  const alias = page.alias;
  const metadata = page.expressionMap.mainAlias!.metadata;
  const read = ['id', ...columns.filter((c) => c !== 'id')].map((property) => {
    const column = metadata.findColumnWithPropertyPath(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    return { property, key: `${alias}_${column.databaseName}`, column };
  });
  page.select(read.map(({ property }) => `${alias}.${property}`));
  const driver = page.connection.driver;
  return (await page.getRawMany()).map((raw) => {
    const row: Record<string, unknown> = {};
    for (const { property, key, column } of read) row[property] = driver.prepareHydratedValue(raw[key], column);
    return row as T;
  });
}
