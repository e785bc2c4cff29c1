/**
 * The one write path of the customers read model: a new personal or business
 * customer and all its blocks (identification, documents, nationalities,
 * filiation, contacts, qualification, financial relation, products,
 * procurators, accounts) go in here, whoever creates them — the onboarding
 * approval (a batch of one) and the demo/seed generator (batches of
 * thousands). Which tables, in which order, and which foreign keys link a
 * block to its parent come from the one relation tree (customer-tree.ts).
 *
 * A caller describes customers as nested records shaped like the entities,
 * without ids or foreign keys (CustomerRecord). They are written table by
 * table, parents first, with chunked multi-row INSERTs, in the caller's
 * transaction (an EntityManager). Primary keys come either from an
 * IdSequence (explicit keys: the bulk generator, the only writer while it
 * runs) or from the database (no IdSequence: concurrent writers such as the
 * approval worker), in which case parent rows are inserted one per statement
 * to learn their generated key, and leaf rows still in multi-row INSERTs.
 *
 * It only ever inserts new customers: an existing customer is never merged
 * into (the unique CPF/CNPJ index refuses a second customer with the same tax
 * id; callers that must say why check first, e.g. the approval's
 * CustomerAlreadyExistsError). An existing natural-person customer's blocks
 * are changed only as a whole (readPersonalBlocks, replacePersonalBlocks:
 * onboarding's update, cancellation and re-registration of its own customers).
 */
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type * as business from './business/business.entities';
import { Columns } from './bases';
import type * as contacts from './contacts/contact.entities';
import { BUSINESS_TREE, CUSTOMER_TABLES, CustomerTree, PERSONAL_TREE, Relation } from './customer-tree';
import type * as personal from './personal/personal.entities';

export { CUSTOMER_TABLES };

// ---------------------------------------------------------------------------
// Rows: entity columns without relation objects (and without the
// createdAt/updatedAt the database fills), as inserted.

/** Whether `P` of `T` is writable (getters without a setter, the computed fields, are readonly properties). */
type IfWritable<T, P extends keyof T> =
  (<U>() => U extends { [Q in P]: T[P] } ? 1 : 2) extends <U>() => U extends { -readonly [Q in P]: T[P] } ? 1 : 2 ? P : never;
/** An entity's stored properties: its computed fields (getters: 2.x twins, 1.0.3 NA renderings) left out. */
type Stored<T> = Pick<T, { [P in keyof T]-?: IfWritable<T, P> }[keyof T]>;
/** A row of `T`: its stored properties (its columns) but `without` (relation objects, timestamps the database fills). */
type RowOf<T, Without extends keyof T = never> = Omit<Stored<Columns<T>>, Without>;
export type PersonalCustomerRow = RowOf<personal.PersonalCustomer, 'createdAt' | 'updatedAt'>;
export type PersonalIdentificationRow = RowOf<personal.PersonalIdentification, 'customer' | 'documents'> & { documents: Stored<personal.PersonalDocument> };
export type PersonalOtherDocumentRow = RowOf<personal.PersonalOtherDocument, 'identification'>;
export type NationalityRow = RowOf<personal.Nationality, 'identification'>;
export type NationalityDocumentRow = RowOf<personal.NationalityOtherDocument, 'nationality'>;
export type FiliationRow = RowOf<personal.Filiation, 'identification'>;
export type PersonalQualificationRow = RowOf<personal.PersonalQualification, 'customer'>;
export type PersonalFinancialRelationRow = RowOf<personal.PersonalFinancialRelation, 'customer'>;
export type PersonalProductServiceRow = RowOf<personal.PersonalProductService, 'financialRelation'>;
export type PersonalProcuratorRow = RowOf<personal.PersonalProcurator, 'financialRelation'>;
export type PersonalAccountRow = RowOf<personal.PersonalAccount, 'financialRelation'>;
export type PaychecksBankLinkRow = RowOf<personal.PaychecksBankLink, 'financialRelation'>;
export type PortabilityReceivedRow = RowOf<personal.PortabilityReceived, 'financialRelation'>;
export type BusinessCustomerRow = RowOf<business.BusinessCustomer, 'createdAt' | 'updatedAt'>;
export type BusinessIdentificationRow = RowOf<business.BusinessIdentification, 'customer'>;
export type BusinessOtherDocumentRow = RowOf<business.BusinessOtherDocument, 'identification'>;
export type BusinessPartyRow = RowOf<business.BusinessParty, 'identification'>;
export type BusinessQualificationRow = RowOf<business.BusinessQualification, 'customer'>;
export type EconomicActivityRow = RowOf<business.EconomicActivity, 'qualification'>;
export type BusinessFinancialRelationRow = RowOf<business.BusinessFinancialRelation, 'customer'>;
export type BusinessProductServiceRow = RowOf<business.BusinessProductService, 'financialRelation'>;
export type BusinessProcuratorRow = RowOf<business.BusinessProcurator, 'financialRelation'>;
export type BusinessAccountRow = RowOf<business.BusinessAccount, 'financialRelation'>;
type ContactRelations = 'personalIdentification' | 'businessIdentification';
export type PostalAddressRow = RowOf<contacts.PostalAddress, ContactRelations>;
export type PhoneRow = RowOf<contacts.Phone, ContactRelations>;
export type EmailRow = RowOf<contacts.Email, ContactRelations>;

/** Rows per table, ready to insert (explicit primary keys, foreign keys filled). */
export interface CustomerRows {
  personalCustomers: PersonalCustomerRow[];
  personalIdentifications: PersonalIdentificationRow[];
  personalOtherDocuments: PersonalOtherDocumentRow[];
  nationalities: NationalityRow[];
  nationalityDocuments: NationalityDocumentRow[];
  filiations: FiliationRow[];
  personalQualifications: PersonalQualificationRow[];
  personalFinancialRelations: PersonalFinancialRelationRow[];
  personalProductsServices: PersonalProductServiceRow[];
  personalProcurators: PersonalProcuratorRow[];
  personalAccounts: PersonalAccountRow[];
  paychecksBankLinks: PaychecksBankLinkRow[];
  portabilitiesReceived: PortabilityReceivedRow[];
  businessCustomers: BusinessCustomerRow[];
  businessIdentifications: BusinessIdentificationRow[];
  businessOtherDocuments: BusinessOtherDocumentRow[];
  businessParties: BusinessPartyRow[];
  businessQualifications: BusinessQualificationRow[];
  economicActivities: EconomicActivityRow[];
  businessFinancialRelations: BusinessFinancialRelationRow[];
  businessProductsServices: BusinessProductServiceRow[];
  businessProcurators: BusinessProcuratorRow[];
  businessAccounts: BusinessAccountRow[];
  postalAddresses: PostalAddressRow[];
  phones: PhoneRow[];
  emails: EmailRow[];
}
export type CustomerTable = keyof CustomerRows;

export function emptyCustomerRows(): CustomerRows {
  return Object.fromEntries(CUSTOMER_TABLES.map(([table]) => [table, []])) as unknown as CustomerRows;
}

/** The rows of several batches as one (what one unbatched run writes). */
export function concatCustomerRows(...batches: readonly CustomerRows[]): CustomerRows {
  const out = emptyCustomerRows();
  for (const [table] of CUSTOMER_TABLES) (out[table] as unknown[]) = batches.flatMap((batch) => batch[table] as unknown[]);
  return out;
}

export function countRows(rows: CustomerRows): number {
  return CUSTOMER_TABLES.reduce((total, [table]) => total + rows[table].length, 0);
}

// ---------------------------------------------------------------------------
// Records: one customer and its blocks, nested as in the API, without ids
// and foreign keys (the write path fills them). A record may carry an `id`
// taken from the IdSequence it is written with (the generator does so where
// a value depends on it); the write path then keeps it.

/** `Row` as a caller describes it: no foreign keys, the primary key optional. */
type Block<Row, ForeignKeys extends keyof Row = never> = Omit<Row, 'id' | ForeignKeys> & { id?: number };
type ContactOwners = 'personalIdentificationId' | 'businessIdentificationId';

export interface ContactRecords {
  postalAddresses: Block<PostalAddressRow, ContactOwners>[];
  phones: Block<PhoneRow, ContactOwners>[];
  emails: Block<EmailRow, ContactOwners>[];
}

export type PersonalIdentificationRecord = Block<PersonalIdentificationRow, 'customerId'> &
  ContactRecords & {
    otherDocuments: Block<PersonalOtherDocumentRow, 'identificationId'>[];
    nationalities: (Block<NationalityRow, 'identificationId'> & { documents: Block<NationalityDocumentRow, 'nationalityId'>[] })[];
    filiations: Block<FiliationRow, 'identificationId'>[];
  };

export type PersonalFinancialRelationRecord = Block<PersonalFinancialRelationRow, 'customerId'> & {
  productsServices: Block<PersonalProductServiceRow, 'financialRelationId'>[];
  procurators: Block<PersonalProcuratorRow, 'financialRelationId'>[];
  accounts: Block<PersonalAccountRow, 'financialRelationId'>[];
  /** Customers API 2.x only (absent: none). */
  paychecksBankLinks?: Block<PaychecksBankLinkRow, 'financialRelationId'>[];
  portabilitiesReceived?: Block<PortabilityReceivedRow, 'financialRelationId'>[];
};

/** A natural-person customer (identified by `cpfNumber`) with all its blocks. */
export type PersonalCustomerRecord = Block<PersonalCustomerRow> & {
  identifications: PersonalIdentificationRecord[];
  qualifications: Block<PersonalQualificationRow, 'customerId'>[];
  financialRelations: PersonalFinancialRelationRecord[];
};

export type BusinessIdentificationRecord = Block<BusinessIdentificationRow, 'customerId'> &
  ContactRecords & {
    otherDocuments: Block<BusinessOtherDocumentRow, 'identificationId'>[];
    parties: Block<BusinessPartyRow, 'identificationId'>[];
  };

export type BusinessQualificationRecord = Block<BusinessQualificationRow, 'customerId'> & {
  economicActivities: Block<EconomicActivityRow, 'qualificationId'>[];
};

export type BusinessFinancialRelationRecord = Block<BusinessFinancialRelationRow, 'customerId'> & {
  productsServices: Block<BusinessProductServiceRow, 'financialRelationId'>[];
  procurators: Block<BusinessProcuratorRow, 'financialRelationId'>[];
  accounts: Block<BusinessAccountRow, 'financialRelationId'>[];
};

/** A legal-person customer (identified by `cnpjNumber`) with all its blocks. */
export type BusinessCustomerRecord = Block<BusinessCustomerRow> & {
  identifications: BusinessIdentificationRecord[];
  qualifications: BusinessQualificationRecord[];
  financialRelations: BusinessFinancialRelationRecord[];
};

export type CustomerRecord = PersonalCustomerRecord | BusinessCustomerRecord;

export function isPersonalRecord(record: CustomerRecord): record is PersonalCustomerRecord {
  return 'cpfNumber' in record;
}

/** One row to insert: its columns (no id yet unless given), its parent, and whether rows reference it. */
interface PendingRow {
  values: ObjectLiteral;
  parent: PendingRow | null;
  link: Relation | null;
  isParent: boolean;
  id?: number;
}

/** The records' rows per table, in record order (and, within a record, in block order), and each record's customer row. */
function pendingRows(records: readonly CustomerRecord[]): { tables: Map<CustomerTable, PendingRow[]>; customers: PendingRow[] } {
  const tables = new Map<CustomerTable, PendingRow[]>(CUSTOMER_TABLES.map(([table]) => [table, []]));
  const customers = records.map((record) => (isPersonalRecord(record) ? visitTree(tables, record, PERSONAL_TREE) : visitTree(tables, record, BUSINESS_TREE)));
  return { tables, customers };
}

/** Adds the row of a customer's record and the rows below it. */
function visitTree(tables: Map<CustomerTable, PendingRow[]>, record: CustomerRecord, tree: CustomerTree): PendingRow {
  return visit(tables, record, tree.rows, tree.children, null, null);
}

/** Adds the row of `block` (in `table`, below `parent` through `via`) and, through `links`, the rows below it. */
function visit(
  tables: Map<CustomerTable, PendingRow[]>,
  block: ObjectLiteral,
  table: CustomerTable,
  links: readonly Relation[],
  parent: PendingRow | null,
  via: Relation | null,
): PendingRow {
  const values: ObjectLiteral = {};
  for (const key in block) if (!links.some((l) => l.record === key)) values[key] = block[key];
  const row: PendingRow = { values, parent, link: via, isParent: links.length > 0, id: typeof block.id === 'number' ? block.id : undefined };
  tables.get(table)!.push(row);
  visitBlocks(tables, block, links, row);
  return row;
}

/** The rows of every block of `block` listed in `links`, below `row`. */
function visitBlocks(tables: Map<CustomerTable, PendingRow[]>, block: ObjectLiteral, links: readonly Relation[], row: PendingRow): void {
  for (const child of links) for (const item of (block[child.record] ?? []) as ObjectLiteral[]) visit(tables, item, child.rows, child.children, row, child);
}

/** Gives every row without a key one from `ids` (table by table, in order) and appends the complete rows to `out`. */
function keyRows(tables: Map<CustomerTable, PendingRow[]>, ids: IdSequence, out: CustomerRows): void {
  for (const [table, rows] of tables) {
    const target = out[table] as ObjectLiteral[];
    for (const row of rows) {
      row.id ??= ids.next(table);
      target.push(completeRow(row, true));
    }
  }
}

/** The row's columns with its primary key and foreign keys (the parent's key must be known). */
function completeRow(row: PendingRow, withId: boolean): ObjectLiteral {
  const out: ObjectLiteral = withId ? { id: row.id } : {};
  if (row.link) {
    if (row.parent?.id === undefined) throw new Error(`${row.link.rows}: parent row has no primary key yet`);
    out[row.link.foreignKey] = row.parent.id;
    for (const column of row.link.nulls ?? []) out[column] = null;
  }
  for (const key in row.values) if (key !== 'id') out[key] = row.values[key];
  return out;
}

// ---------------------------------------------------------------------------
// Primary keys

/**
 * Hands out explicit primary keys per table. Start it after each table's
 * current MAX(id) (`fromDatabase`) to append to a populated database; only
 * valid while no one else inserts customers (seeding, tests).
 */
export class IdSequence {
  private readonly last = {} as Record<CustomerTable, number>;

  constructor(start: Partial<Record<CustomerTable, number>> = {}) {
    for (const [table] of CUSTOMER_TABLES) this.last[table] = start[table] ?? 0;
  }

  static async fromDatabase(target: DataSource | EntityManager): Promise<IdSequence> {
    const start: Partial<Record<CustomerTable, number>> = {};
    for (const [table, entity] of CUSTOMER_TABLES) {
      const row = await target.createQueryBuilder().select('MAX(t.id)', 'max').from(entity, 't').getRawOne<{ max: unknown }>();
      start[table] = Number(row?.max ?? 0);
    }
    return new IdSequence(start);
  }

  next(table: CustomerTable): number {
    return ++this.last[table];
  }

  /** The last id handed out (or found in the database) for `table`. */
  current(table: CustomerTable): number {
    return this.last[table];
  }
}

// ---------------------------------------------------------------------------
// Writing

/** Rows per INSERT statement: well under SQLite's 32766 bound parameters for the widest table. */
const ROWS_PER_INSERT = 500;

/**
 * The records as rows per table, with explicit primary keys from `ids`
 * (a block's own `id` is kept) and foreign keys filled; appended to `out`.
 * Keys are handed out table by table in record order, so the same records
 * with the same sequence always get the same keys. Write them with
 * insertCustomerRows (the bulk generator prepares batches this way while
 * earlier ones are still being inserted).
 */
export function customerRows(records: readonly CustomerRecord[], ids: IdSequence, out: CustomerRows = emptyCustomerRows()): CustomerRows {
  keyRows(pendingRows(records).tables, ids, out);
  return out;
}

async function insertChunks(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, rows: readonly ObjectLiteral[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + ROWS_PER_INSERT) as QueryDeepPartialEntity<ObjectLiteral>[])
      .updateEntity(false)
      .callListeners(false)
      .execute();
  }
}

/** Inserts rows prepared by customerRows, table by table (parents first), in `manager`'s transaction. Returns the number of rows. */
export async function insertCustomerRows(manager: EntityManager, rows: CustomerRows): Promise<number> {
  let count = 0;
  for (const [table, entity] of CUSTOMER_TABLES) {
    await insertChunks(manager, entity, rows[table]);
    count += rows[table].length;
  }
  return count;
}

export interface RecordedCustomer {
  id: number;
  /** CPF or CNPJ. */
  taxId: string;
}

/**
 * Writes new customers and all their blocks in `manager`'s transaction.
 * With `ids`, every row gets an explicit key from it and each table is one
 * chunked multi-row INSERT; without, the database generates the keys (safe
 * with concurrent writers): parent rows are inserted one per statement to
 * learn their key, leaf rows in chunked multi-row INSERTs. Returns the new
 * customers' ids, in record order.
 */
export async function recordCustomers(manager: EntityManager, records: readonly CustomerRecord[], ids?: IdSequence): Promise<RecordedCustomer[]> {
  const { tables, customers } = pendingRows(records);
  if (ids) {
    const rows = emptyCustomerRows();
    keyRows(tables, ids, rows);
    await insertCustomerRows(manager, rows);
  } else {
    await insertWithGeneratedKeys(manager, tables);
  }
  return customers.map((row) => ({ id: row.id!, taxId: (row.values.cpfNumber ?? row.values.cnpjNumber) as string }));
}

/** Inserts pending rows table by table (parents first), the database generating their keys. */
async function insertWithGeneratedKeys(manager: EntityManager, tables: Map<CustomerTable, PendingRow[]>): Promise<void> {
  for (const [table, entity] of CUSTOMER_TABLES) {
    const rows = tables.get(table)!;
    // Rows nothing references (or already keyed) go in multi-row INSERTs; parents one by one, to learn their generated key.
    await insertChunks(
      manager,
      entity,
      rows.filter((row) => row.id !== undefined || !row.isParent).map((row) => completeRow(row, row.id !== undefined)),
    );
    for (const row of rows) {
      if (row.id !== undefined || !row.isParent) continue;
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(completeRow(row, false) as QueryDeepPartialEntity<ObjectLiteral>)
        .callListeners(false)
        .execute();
      row.id = Number(result.identifiers[0]?.id);
      if (!Number.isSafeInteger(row.id)) throw new Error(`${table}: the database returned no generated key`);
    }
  }
}

// ---------------------------------------------------------------------------
// Renewing an existing customer's blocks (onboarding: a customer's update,
// cancellation and re-registration). A block is replaced as a whole, with
// everything below it, so the same records and links describe it.

/** The blocks of a natural-person customer that can be read back and replaced. */
export type PersonalBlocks = Partial<Pick<PersonalCustomerRecord, 'identifications' | 'qualifications' | 'financialRelations'>>;

const ENTITIES = new Map<CustomerTable, EntityTarget<ObjectLiteral>>(CUSTOMER_TABLES);

/** The rows of `via` under the parent row `parentId`, as records (no ids or foreign keys), with everything below them, in key order. */
async function readBlocks(manager: EntityManager, via: Relation, parentId: number): Promise<ObjectLiteral[]> {
  const rows = await manager.find(ENTITIES.get(via.rows)!, { where: { [via.foreignKey]: parentId }, order: { id: 'ASC' } });
  const blocks: ObjectLiteral[] = [];
  for (const row of rows) {
    const block: ObjectLiteral = {};
    for (const key of Object.keys(row)) if (key !== 'id' && key !== via.foreignKey && !via.nulls?.includes(key)) block[key] = row[key];
    for (const child of via.children) block[child.record] = await readBlocks(manager, child, row.id as number);
    blocks.push(block);
  }
  return blocks;
}

/** The current `blocks` of the personal customer `customerId`, as records: change them and give them to replacePersonalBlocks. */
export async function readPersonalBlocks<K extends keyof PersonalBlocks>(
  manager: EntityManager,
  customerId: number,
  blocks: readonly K[],
): Promise<Required<Pick<PersonalBlocks, K>>> {
  const out: ObjectLiteral = {};
  for (const property of blocks)
    out[property] = await readBlocks(
      manager,
      PERSONAL_TREE.children.find((l) => l.record === property)!,
      customerId,
    );
  return out as Required<Pick<PersonalBlocks, K>>;
}

/**
 * Replaces, in `manager`'s transaction, each block given of the existing
 * personal customer `customerId` (its rows and, through the cascading foreign
 * keys, everything below them) by the records given. Blocks not given are left
 * as they are.
 */
export async function replacePersonalBlocks(manager: EntityManager, customerId: number, blocks: PersonalBlocks): Promise<void> {
  const links = PERSONAL_TREE.children.filter((l) => blocks[l.record as keyof PersonalBlocks] !== undefined);
  for (const via of links) await manager.delete(ENTITIES.get(via.rows)!, { [via.foreignKey]: customerId });
  // The customer row stays: it is the parent, with its key known; only the blocks below it are inserted.
  const tables = new Map<CustomerTable, PendingRow[]>(CUSTOMER_TABLES.map(([table]) => [table, []]));
  const customer: PendingRow = { values: {}, parent: null, link: null, isParent: true, id: customerId };
  visitBlocks(tables, blocks, links, customer);
  await insertWithGeneratedKeys(manager, tables);
}
