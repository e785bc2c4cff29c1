import { FieldNode, GraphQLResolveInfo } from 'graphql';
import { Counter, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { DirectRows, TreeLevel, TreeRows } from '../../platform/data/direct-rows';
import { BoundedMap } from '../../platform/bounded-map';
import { GatewayContext } from '../../platform/graphql/context';
import { operationLabel } from '../../platform/observability/metrics';
import { authorizeBlock } from '../../platform/security/policies';
import { conditionVariables, selectedFields } from '../../platform/selection';
import { CustomerKind } from './customer-kinds';
import { EntityClass, ListField, Relation } from './customer-tree';

/**
 * Reads compiled once per operation. For each read-model root field of a
 * document (its hash and operation name, the field's response key, the
 * values of the variables its @skip/@include read), the selection is compiled
 * once into the SQL levels it needs and a shaper; executing it reads the rows
 * (plain objects, no entity instances, no loaders) and builds the response
 * tree from them: list fields as arrays of those objects, derived fields
 * (entity getters, see `readsFrom`) evaluated on them, contacts grouped. The
 * root field returns the finished tree; every field below it is a plain
 * property read, which graphql-jit compiles to a direct access.
 *
 * Shaped by field name, as default resolvers read (`source[fieldName]`):
 * aliases of one field share one value, built for the union of their
 * selections. A block the caller may not read is decided before its SQL: it
 * is not read, and its fields hold the authorization error, which GraphQL
 * reports at the field's path with a null, as a failing resolver would.
 */

/** A row as read (column values by property), then the response object it becomes. */
type Row = Record<string, unknown>;
type Getter = readonly [name: string, get: () => unknown];

/** What one selection of an entity's rows needs, and how its objects are completed. */
interface Shape {
  /** Properties to read (DirectRows: columns, embedded objects; a derived field brings what it reads from). */
  properties: string[];
  /** Derived fields selected: entity getters, evaluated on each row. */
  getters: Getter[];
  /** Embedded objects whose getters are selected (PersonalDocument.passport). */
  embedded: (readonly [property: string, getters: Getter[]])[];
  levels: Level[];
}

/** One relation read below a parent: its SQL level, the fields served from its rows, their own shape. */
interface Level {
  relation: Relation;
  fields: ListField[];
  read: TreeLevel;
  shape: Shape;
}

/** One read-model root field of one document, compiled. */
export interface CompiledRead {
  /** The customer's columns to read (its document always: block permissions check it). */
  columns: string[];
  shape: Shape;
}

const MAX_COMPILED_READS = 1000;

/** The getter `name` of an entity class (or of a base it extends), looked up when a read is compiled. */
function getterOf(target: Function, name: string): (() => unknown) | undefined {
  for (let proto = target.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor) return descriptor.get;
  }
  return undefined;
}

/** Compiles the selection `fields` of rows of `entity`, below which `relations` hang. */
function compileShape(
  dataSource: DataSource,
  info: GraphQLResolveInfo,
  entity: EntityClass,
  relations: readonly Relation[],
  fields: Map<string, FieldNode[]>,
): Shape {
  const metadata = dataSource.getMetadata(entity);
  const shape: Shape = { properties: [], getters: [], embedded: [], levels: [] };
  const served = new Map<Relation, { fields: ListField[]; nodes: FieldNode[] }>();
  const serve = (relation: Relation, field: ListField, nodes: readonly FieldNode[]) => {
    let entry = served.get(relation);
    if (!entry) served.set(relation, (entry = { fields: [], nodes: [] }));
    entry.fields.push(field);
    entry.nodes.push(...nodes);
  };
  const servedBy = (name: string, group?: string) => {
    for (const relation of relations) {
      const field = relation.group === group ? relation.fields.find((candidate) => candidate.field === name) : undefined;
      if (field) return { relation, field };
    }
    return undefined;
  };
  for (const [name, nodes] of fields) {
    const list = servedBy(name);
    if (list) {
      serve(list.relation, list.field, nodes);
      continue;
    }
    if (relations.some((relation) => relation.group === name)) {
      for (const [member, memberNodes] of selectedFields(info, nodes)) {
        const grouped = servedBy(member, name);
        if (grouped) serve(grouped.relation, grouped.field, memberNodes);
      }
      continue;
    }
    shape.properties.push(name);
    const get = getterOf(entity, name);
    if (get) {
      shape.getters.push([name, get]);
      continue;
    }
    const embedded = metadata.findEmbeddedWithPropertyPath(name);
    if (embedded && typeof embedded.type === 'function') {
      const getters: Getter[] = [];
      for (const member of selectedFields(info, nodes).keys()) {
        const memberGet = getterOf(embedded.type, member);
        if (memberGet) getters.push([member, memberGet]);
      }
      if (getters.length > 0) shape.embedded.push([name, getters]);
    }
  }
  for (const [relation, { fields: listFields, nodes }] of served) {
    const leaves = listFields.flatMap((field) => (field.leaf ? [field.leaf] : []));
    const child =
      leaves.length === listFields.length
        ? compileShape(dataSource, info, relation.entity, [], new Map())
        : compileShape(dataSource, info, relation.entity, relation.children, selectedFields(info, nodes));
    const filterReads = listFields.flatMap((field) => field.keep?.reads ?? []);
    // A filter reads the row as its fields would answer: what it reads through a getter is computed first.
    for (const name of filterReads) {
      const get = getterOf(relation.entity, name);
      if (get && !child.getters.some(([getter]) => getter === name)) child.getters.push([name, get]);
    }
    const properties = [...new Set([...child.properties, ...leaves, ...filterReads])].sort();
    shape.levels.push({
      relation,
      fields: listFields,
      shape: child,
      read: { entity: relation.entity, foreignKey: relation.foreignKey, properties, children: child.levels.map((level) => level.read) },
    });
  }
  return shape;
}

/** Completes `rows` as `shape` says, from the rows read below them. */
function shapeRows(rows: readonly Row[], shape: Shape, read: TreeRows): void {
  for (const row of rows) {
    for (const [name, get] of shape.getters) row[name] = get.call(row);
    for (const [property, getters] of shape.embedded) {
      const object = row[property] as Row | null | undefined;
      if (object) for (const [name, get] of getters) object[name] = get.call(object);
    }
    for (const level of shape.levels) serveLevel(row, level, read.get(level.read)?.get(row.id) ?? [], read);
  }
}

/** Sets the fields `level` serves on `parent` (or on its group object) from its rows. */
function serveLevel(parent: Row, level: Level, rows: Row[], read: TreeRows): void {
  shapeRows(rows, level.shape, read);
  const group = level.relation.group;
  const target = group ? ((parent[group] ??= {}) as Row) : parent;
  for (const field of level.fields) {
    let items: unknown[] = field.keep ? rows.filter((row) => field.keep!.row(row)) : rows;
    if (field.leaf) items = items.map((row) => (row as Row)[field.leaf!]);
    target[field.field] = field.orNull && items.length === 0 ? null : items;
  }
}

/** Rows of every level below `ids`, one statement per level (for more parents than a tree statement is worth). */
async function readLevelByLevel(context: GatewayContext, levels: readonly TreeLevel[], ids: readonly unknown[]): Promise<TreeRows> {
  const reader = DirectRows.of(context.dataSource);
  const rows: TreeRows = new Map();
  const read = async (level: TreeLevel, parentIds: readonly unknown[]): Promise<void> => {
    const byParent = new Map<unknown, Row[]>(parentIds.map((id) => [id, []]));
    rows.set(level, byParent);
    if (parentIds.length === 0) return;
    context.checkDeadline();
    const found = await reader.where<Row>(level.entity, level.foreignKey, parentIds, level.properties, true);
    for (const row of found) byParent.get(row[level.foreignKey])?.push(row);
    await Promise.all(
      level.children.map((child) =>
        read(
          child,
          found.map((row) => row.id),
        ),
      ),
    );
  };
  await Promise.all(levels.map((level) => read(level, ids)));
  return rows;
}

/**
 * The compiled reads of the customers read model, bounded (least recently
 * used first out), and the counter proving every read-model operation takes
 * this path (`gateway_compiled_reads_total`).
 */
export class CompiledReads {
  private readonly cache = new BoundedMap<string, CompiledRead>(MAX_COMPILED_READS, 'read');
  private readonly counter: Counter<'operation' | 'cache'>;

  constructor(registry: Registry) {
    this.counter = new Counter({
      name: 'gateway_compiled_reads_total',
      help: 'Read-model root fields executed through their compiled read, by operation name and whether the compiled read was cached (hit) or compiled (miss).',
      labelNames: ['operation', 'cache'] as const,
      registers: [registry],
    });
  }

  /** The compiled read of the root field `info` for the customer objects selected at `nodes`. */
  compiled(context: GatewayContext, kind: CustomerKind, info: GraphQLResolveInfo, nodes: () => FieldNode[]): CompiledRead {
    const conditions = conditionVariables(info.operation, info.fragments)
      .map((name) => (info.variableValues[name] ? 1 : 0))
      .join('');
    const key = context.operation && `${context.operation.key}|${String(info.path.key)}|${conditions}`;
    let compiled = key ? this.cache.get(key) : undefined;
    const operation = operationLabel(context.operation?.name);
    if (compiled) {
      this.counter.inc({ operation, cache: 'hit' });
      return compiled;
    }
    const shape = compileShape(context.dataSource, info, kind.tree.entity, kind.tree.children, selectedFields(info, nodes()));
    const metadata = context.dataSource.getMetadata(kind.customer);
    const columns = [...new Set([kind.document, ...shape.properties])].filter((property) => property !== 'id' && metadata.findColumnWithPropertyPath(property));
    compiled = { columns, shape };
    if (key) this.cache.set(key, compiled);
    this.counter.inc({ operation, cache: 'miss' });
    return compiled;
  }

  /**
   * Completes `customers` (rows holding `compiled.columns`) into the response:
   * each block the caller may read is audited, read and shaped; one it may not
   * is not read, and holds its authorization error.
   */
  async execute(context: GatewayContext, kind: CustomerKind, compiled: CompiledRead, customers: readonly Row[]): Promise<void> {
    if (customers.length === 0) return;
    // Customers with the same readable blocks are read together (all of them, unless permissions differ between them).
    const groups = new Map<string, { customers: Row[]; levels: Level[] }>();
    for (const customer of customers) {
      const levels = compiled.shape.levels.filter((level) => this.readable(context, kind, level, customer));
      const key = levels.map((level) => level.relation.rows).join(',');
      const group = groups.get(key);
      if (group) group.customers.push(customer);
      else groups.set(key, { customers: [customer], levels });
    }
    for (const { customers: members, levels } of groups.values()) {
      const shape: Shape = { ...compiled.shape, levels };
      const ids = members.map((customer) => customer.id);
      const reads = levels.map((level) => level.read);
      let rows: TreeRows = new Map();
      if (reads.length > 0 && members.length <= context.config.readAheadMaxCustomers) {
        context.checkDeadline();
        rows = await DirectRows.of(context.dataSource).tree(kind.customer, ids, reads);
      } else if (reads.length > 0) {
        rows = await readLevelByLevel(context, reads, ids);
      }
      shapeRows(members, shape, rows);
    }
  }

  /**
   * Whether the level may be read for `customer`: always below a customer's
   * blocks; a block when the caller has its permission for this customer
   * (then audited), else its fields hold the authorization error.
   */
  private readable(context: GatewayContext, kind: CustomerKind, level: Level, customer: Row): boolean {
    const block = level.relation.block;
    if (!block) return true;
    try {
      for (const field of level.fields) authorizeBlock(context, kind.policies[block], customer, field.field);
      return true;
    } catch (error) {
      for (const field of level.fields) customer[field.field] = error;
      return false;
    }
  }
}

/** The customer objects' field nodes under a connection's `edges { node }` (with @skip/@include applied). */
export function connectionNodes(info: GraphQLResolveInfo): FieldNode[] {
  return selectedFields(info, selectedFields(info).get('edges') ?? []).get('node') ?? [];
}
