/**
 * The RAW server of `npm run bench`: the limit a hand-written service reaches
 * for the gateway's two read operations, with no framework at all.
 *
 * node:http plus the database driver directly (a mysql2 pool with prepared
 * statements via `execute`, or better-sqlite3 statements prepared once at
 * start-up), hand-written SQL selecting only the columns the operation returns,
 * and `JSON.stringify` of plain objects built in the operation's field order.
 * No ORM, no GraphQL, no Express, no token check, no policy, no audit write.
 * It imports nothing from src/ so that no gateway code runs here.
 *
 * Request format: the baseline's (`POST /graphql`, `{ operationName, query,
 * variables }`, the query text is ignored, the operation name picks a handler):
 *   - PersonalCustomer { cpfNumber }: 11 statements, all issued at once, each
 *     keyed by the CPF through joins (`… JOIN personal_identifications i … JOIN
 *     personal_customers c … WHERE c.cpfNumber = ?`), so there is one database
 *     round trip of latency, not the four levels of a loader tree. One per
 *     table, except where a join cannot multiply rows across siblings: the
 *     customer LEFT JOIN its identifications, nationalities LEFT JOIN their
 *     documents, and each financial relation with its product types as a
 *     GROUP_CONCAT (ordered by id) subquery;
 *   - PersonalCustomersPage { first, after } (no filter): the page of first + 1
 *     customers and the COUNT first, then 4 statements keyed by the page's id
 *     range `customerId > after AND customerId <= lastId` (exact: with no filter,
 *     keyset pagination makes the page that range): identifications LEFT JOIN
 *     postal addresses, qualifications, relations with their product types,
 *     accounts.
 * Children are ordered by id and grouped per parent in one pass, like the
 * gateway's loaders. Answers are byte-identical to the gateway's (`{"data":…}`,
 * DateTime formatted by the database as `YYYY-MM-DDThh:mm:ssZ`, amounts as JSON
 * numbers, booleans from 0/1, `companyCnpj` split from its comma list);
 * `npm run bench` checks that and fails when they are not.
 *
 * Statements are counted (`db_statements_total` on GET /metrics) like the
 * other servers'. Errors are minimal (400 with `{"errors":[…]}`), not the
 * gateway's; the bench only measures answers. x-fapi-interaction-id is echoed
 * or generated, as the spec requires of any server.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { createPool } from 'mysql2/promise';

type Row = Record<string, any>;
type Params = (string | number)[];

// better-sqlite3 has no type declarations installed: the calls used here, typed by hand.
interface SqliteStatement {
  all(...params: Params): Row[];
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  pragma(text: string): unknown;
  close(): void;
}
const Database = require('better-sqlite3') as new (path: string, options?: { fileMustExist?: boolean }) => SqliteDatabase;

/** The two drivers behind one call: run a prepared statement, get its rows. */
interface Db {
  kind: 'sqlite' | 'mysql';
  all(sql: string, params: Params): Row[] | Promise<Row[]>;
  /** A statement without rows (raw+: the audit INSERT, committed on its own: autocommit). */
  run(sql: string, params: Params): void | Promise<void>;
  /** SQLite: compile the statement now (checks the SQL against the schema at start-up). */
  prepare(sql: string): void;
  close(): Promise<void>;
}

let statements = 0;

async function openDb(url: string): Promise<Db> {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    const db = new Database(path, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    // The gateway's settings (src/platform/data/data-source.ts): what a committed audit row costs is the same.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const prepared = new Map<string, SqliteStatement>();
    const prepare = (sql: string) => {
      let statement = prepared.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        prepared.set(sql, statement);
      }
      return statement;
    };
    return {
      kind: 'sqlite',
      all(sql, params) {
        statements += 1;
        return prepare(sql).all(...params);
      },
      run(sql, params) {
        statements += 1;
        (prepare(sql) as unknown as { run(...p: Params): unknown }).run(...params);
      },
      prepare,
      async close() {
        db.close();
      },
    };
  }
  // Ten connections, like the gateway's TypeORM pool (poolSize 10); execute() prepares each SQL text once per connection.
  const pool = createPool({ uri: url.replace(/^mariadb:/, 'mysql:'), connectionLimit: 10, charset: 'utf8mb4_unicode_ci', timezone: 'Z' });
  return {
    kind: 'mysql',
    async all(sql, params) {
      statements += 1;
      const [rows] = await pool.execute(sql, params);
      return rows as Row[];
    },
    async run(sql, params) {
      statements += 1;
      await pool.execute(sql, params);
    },
    prepare() {},
    async close() {
      await pool.end();
    },
  };
}

/** Rows grouped by their `parent` column, keeping the statement's order (ORDER BY id). */
function groupBy(rows: Row[]): Map<number, Row[]> {
  const groups = new Map<number, Row[]>();
  for (const row of rows) {
    const list = groups.get(row.parent);
    if (list) list.push(row);
    else groups.set(row.parent, [row]);
  }
  return groups;
}

const NONE: Row[] = [];
const amount = (value: string | number) => Number(value);
/** 1.0.3's literal for a value the read model stores NULL (issue 23), as the v1 fields render it. */
const na = (value: string | null) => value ?? 'NA';
const bool = (value: unknown) => value === 1 || value === true || value === '1';
/** TypeORM simple-array: a comma list, '' for none. */
const list = (value: string) => (value.length > 0 ? value.split(',') : []);

function isValidCpf(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{11}$/.test(value) || /^(\d)\1{10}$/.test(value)) return false;
  const digit = (length: number) => {
    let sum = 0;
    for (let i = 0; i < length; i++) sum += (value.charCodeAt(i) - 48) * (length + 1 - i);
    const rest = (sum * 10) % 11;
    return rest === 10 ? 0 : rest;
  };
  return digit(9) === value.charCodeAt(9) - 48 && digit(10) === value.charCodeAt(10) - 48;
}

class BadRequest extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------
// SQL

function queries(kind: 'sqlite' | 'mysql') {
  const dt = (column: string) => (kind === 'sqlite' ? `strftime('%Y-%m-%dT%H:%M:%SZ', ${column})` : `DATE_FORMAT(${column}, '%Y-%m-%dT%H:%i:%sZ')`);
  /** A relation's product types as one comma list in id order (enum values have no commas), NULL when none. */
  const productTypes = (relation: string) =>
    kind === 'sqlite'
      ? `(SELECT group_concat(p.type, ',' ORDER BY p.id) FROM personal_products_services p WHERE p.financialRelationId = ${relation}.id)`
      : `(SELECT GROUP_CONCAT(p.type ORDER BY p.id SEPARATOR ',') FROM personal_products_services p WHERE p.financialRelationId = ${relation}.id)`;
  // Every table of PersonalCustomer, keyed by the CPF through its parents.
  const byCpf = 'JOIN personal_customers c ON c.id = i.customerId WHERE c.cpfNumber = ?';
  const identification = `JOIN personal_identifications i ON i.id = x.identificationId ${byCpf}`;
  const contact = `JOIN personal_identifications i ON i.id = x.personalIdentificationId ${byCpf}`;
  const relation = 'JOIN personal_financial_relations r ON r.id = x.financialRelationId JOIN personal_customers c ON c.id = r.customerId WHERE c.cpfNumber = ?';
  // Every table of PersonalCustomersPage, keyed by the page's customer id range (after, last].
  const range = (alias: string) => `${alias}.customerId > ? AND ${alias}.customerId <= ?`;
  return {
    customer: {
      /** The customer and its identifications (one row with a NULL id when it has none; no row when the CPF is unknown). */
      identifications:
        `SELECT c.cpfNumber, i.id, ${dt('i.updateDateTime')} AS updateDateTime, i.personalId, i.brandName, i.civilName, i.socialName, i.birthDate, i.maritalStatusCode, ` +
        'i.maritalStatusAdditionalInfo, i.sex, i.companyCnpj, i.documentCpfNumber, i.documentPassportNumber, i.documentPassportCountry, ' +
        'i.documentPassportExpirationDate, i.documentPassportIssueDate, i.hasBrazilianNationality ' +
        'FROM personal_customers c LEFT JOIN personal_identifications i ON i.customerId = c.id WHERE c.cpfNumber = ? ORDER BY i.id',
      otherDocuments:
        'SELECT x.identificationId AS parent, x.type, x.typeAdditionalInfo, x.number, x.checkDigit, x.additionalInfo, x.expirationDate ' +
        `FROM personal_other_documents x ${identification} ORDER BY x.id`,
      /** Nationalities with their documents (documentId NULL for a nationality without any). */
      nationalities:
        'SELECT x.id, x.identificationId AS parent, x.otherNationalitiesInfo, d.id AS documentId, d.type, d.number, d.expirationDate, d.issueDate, d.country, ' +
        `d.typeAdditionalInfo FROM nationalities x LEFT JOIN nationality_documents d ON d.nationalityId = x.id ${identification} ORDER BY x.id, d.id`,
      filiations: `SELECT x.identificationId AS parent, x.type, x.civilName, x.socialName FROM filiations x ${identification} ORDER BY x.id`,
      addresses:
        'SELECT x.personalIdentificationId AS parent, x.isMain, x.address, x.additionalInfo, x.districtName, x.townName, x.ibgeTownCode, ' +
        `x.countrySubDivision, x.postCode, x.country, x.countryCode, x.geoLatitude, x.geoLongitude FROM postal_addresses x ${contact} ORDER BY x.id`,
      phones:
        'SELECT x.personalIdentificationId AS parent, x.isMain, x.type, x.additionalInfo, x.countryCallingCode, x.areaCode, x.number, x.phoneExtension ' +
        `FROM phones x ${contact} ORDER BY x.id`,
      emails: `SELECT x.personalIdentificationId AS parent, x.isMain, x.email FROM emails x ${contact} ORDER BY x.id`,
      qualifications:
        `SELECT ${dt('i.updateDateTime')} AS updateDateTime, i.companyCnpj, i.occupationCode, i.occupationDescription, i.incomeFrequency, i.incomeAmount, ` +
        `i.incomeCurrency, i.incomeDate, i.patrimonyAmount, i.patrimonyCurrency, i.patrimonyYear FROM personal_qualifications i ${byCpf} ORDER BY i.id`,
      relations:
        `SELECT i.id, ${dt('i.updateDateTime')} AS updateDateTime, ${dt('i.startDate')} AS startDate, ${productTypes('i')} AS products, ` +
        `i.productsServicesTypeAdditionalInfo FROM personal_financial_relations i ${byCpf} ORDER BY i.id`,
      procurators: `SELECT x.financialRelationId AS parent, x.type, x.cpfNumber, x.civilName, x.socialName FROM personal_procurators x ${relation} ORDER BY x.id`,
      accounts:
        'SELECT x.financialRelationId AS parent, x.compeCode, x.branchCode, x.number, x.checkDigit, x.type, x.subtype ' +
        `FROM personal_accounts x ${relation} ORDER BY x.id`,
    },
    page: {
      /** `limit` is a validated integer (first + 1): one prepared statement per page size. */
      customers: (limit: number) => `SELECT id, cpfNumber FROM personal_customers WHERE id > ? ORDER BY id LIMIT ${limit}`,
      count: 'SELECT COUNT(*) AS n FROM personal_customers',
      /** Identifications with their postal addresses (addressId NULL for an identification without any). */
      identifications:
        'SELECT i.id, i.customerId AS parent, i.civilName, i.socialName, i.birthDate, a.id AS addressId, a.townName, a.countrySubDivision ' +
        `FROM personal_identifications i LEFT JOIN postal_addresses a ON a.personalIdentificationId = i.id WHERE ${range('i')} ORDER BY i.id, a.id`,
      qualifications: `SELECT i.customerId AS parent, i.incomeAmount, i.incomeCurrency, i.incomeFrequency FROM personal_qualifications i WHERE ${range('i')} ORDER BY i.id`,
      relations: `SELECT r.id, r.customerId AS parent, ${productTypes('r')} AS products FROM personal_financial_relations r WHERE ${range('r')} ORDER BY r.id`,
      accounts:
        'SELECT x.financialRelationId AS parent, x.compeCode, x.branchCode, x.number, x.checkDigit, x.type, x.subtype FROM personal_accounts x ' +
        `JOIN personal_financial_relations r ON r.id = x.financialRelationId WHERE ${range('r')} ORDER BY x.id`,
    },
  };
}

type Queries = ReturnType<typeof queries>;

// ---------------------------------------------------------------------------
// PersonalCustomer: every block, nested (examples/operations/PersonalCustomer.graphql)

async function personalCustomer(db: Db, sql: Queries['customer'], cpfNumber: unknown) {
  if (!isValidCpf(cpfNumber)) throw new BadRequest('CPF must be 11 digits, without mask, with valid check digits', 'INVALID_CPF');
  const p = [cpfNumber];
  const [customer, otherDocuments, nationalities, filiations, addresses, phones, emails, qualifications, relations, procurators, accounts] = await Promise.all([
    db.all(sql.identifications, p),
    db.all(sql.otherDocuments, p),
    db.all(sql.nationalities, p),
    db.all(sql.filiations, p),
    db.all(sql.addresses, p),
    db.all(sql.phones, p),
    db.all(sql.emails, p),
    db.all(sql.qualifications, p),
    db.all(sql.relations, p),
    db.all(sql.procurators, p),
    db.all(sql.accounts, p),
  ]);
  if (customer.length === 0) return null;
  const identifications = customer[0].id === null ? NONE : customer;
  const otherDocumentsOf = groupBy(otherDocuments);
  // One row per nationality document (or one with documentId NULL): nationalities in id order, each with its documents.
  const nationalitiesOf = new Map<number, { otherNationalitiesInfo: string; documents: object[] }[]>();
  let lastNationality = -1;
  for (const n of nationalities) {
    if (n.id !== lastNationality) {
      lastNationality = n.id;
      const entry = { otherNationalitiesInfo: n.otherNationalitiesInfo, documents: [] as object[] };
      const group = nationalitiesOf.get(n.parent);
      if (group) group.push(entry);
      else nationalitiesOf.set(n.parent, [entry]);
    }
    if (n.documentId !== null) {
      const group = nationalitiesOf.get(n.parent)!;
      group[group.length - 1].documents.push({
        type: n.type,
        number: n.number,
        expirationDate: na(n.expirationDate),
        issueDate: na(n.issueDate),
        country: n.country,
        typeAdditionalInfo: n.typeAdditionalInfo,
      });
    }
  }
  const filiationsOf = groupBy(filiations);
  const addressesOf = groupBy(addresses);
  const phonesOf = groupBy(phones);
  const emailsOf = groupBy(emails);
  const procuratorsOf = groupBy(procurators);
  const accountsOf = groupBy(accounts);
  return {
    cpfNumber: customer[0].cpfNumber,
    identifications: identifications.map((i) => ({
      updateDateTime: i.updateDateTime,
      personalId: i.personalId,
      brandName: i.brandName,
      civilName: i.civilName,
      socialName: na(i.socialName),
      birthDate: i.birthDate,
      maritalStatusCode: i.maritalStatusCode,
      maritalStatusAdditionalInfo: i.maritalStatusAdditionalInfo,
      sex: i.sex,
      companyCnpj: list(i.companyCnpj),
      documents: {
        cpfNumber: i.documentCpfNumber,
        passportNumber: na(i.documentPassportNumber),
        passportCountry: na(i.documentPassportCountry),
        passportExpirationDate: na(i.documentPassportExpirationDate),
        passportIssueDate: i.documentPassportIssueDate,
      },
      otherDocuments: (otherDocumentsOf.get(i.id) ?? NONE).map((d) => ({
        type: d.type,
        typeAdditionalInfo: na(d.typeAdditionalInfo),
        number: na(d.number),
        checkDigit: na(d.checkDigit),
        additionalInfo: d.additionalInfo,
        expirationDate: na(d.expirationDate),
      })),
      hasBrazilianNationality: bool(i.hasBrazilianNationality),
      nationality: nationalitiesOf.get(i.id) ?? [],
      filiation: (filiationsOf.get(i.id) ?? NONE).map((f) => ({ type: f.type, civilName: na(f.civilName), socialName: f.socialName })),
      contacts: {
        postalAddresses: (addressesOf.get(i.id) ?? NONE).map((a) => ({
          isMain: bool(a.isMain),
          address: a.address,
          additionalInfo: a.additionalInfo,
          districtName: a.districtName,
          townName: a.townName,
          ibgeTownCode: a.ibgeTownCode,
          countrySubDivision: a.countrySubDivision,
          postCode: a.postCode,
          country: a.country,
          countryCode: a.countryCode,
          geographicCoordinates: a.geoLatitude !== null || a.geoLongitude !== null ? { latitude: a.geoLatitude, longitude: a.geoLongitude } : null,
        })),
        phones: (phonesOf.get(i.id) ?? NONE).map((ph) => ({
          isMain: bool(ph.isMain),
          type: ph.type,
          additionalInfo: ph.additionalInfo,
          countryCallingCode: na(ph.countryCallingCode),
          areaCode: na(ph.areaCode),
          number: ph.number,
          phoneExtension: na(ph.phoneExtension),
        })),
        emails: (emailsOf.get(i.id) ?? NONE).map((e) => ({ isMain: bool(e.isMain), email: e.email })),
      },
    })),
    qualifications: qualifications.map((q) => ({
      updateDateTime: q.updateDateTime,
      companyCnpj: q.companyCnpj,
      occupationCode: q.occupationCode,
      occupationDescription: q.occupationDescription,
      informedIncome: { frequency: q.incomeFrequency, amount: amount(q.incomeAmount), currency: q.incomeCurrency, date: q.incomeDate },
      informedPatrimony: { amount: amount(q.patrimonyAmount), currency: q.patrimonyCurrency, year: q.patrimonyYear },
    })),
    financialRelations: relations.map((r) => ({
      updateDateTime: r.updateDateTime,
      startDate: r.startDate,
      productsServicesType: r.products === null ? [] : r.products.split(','),
      productsServicesTypeAdditionalInfo: r.productsServicesTypeAdditionalInfo,
      procurators: (procuratorsOf.get(r.id) ?? NONE).map((x) => ({
        type: x.type,
        cpfNumber: na(x.cpfNumber),
        civilName: na(x.civilName),
        socialName: na(x.socialName),
      })),
      accounts: (accountsOf.get(r.id) ?? NONE).map((a) => ({
        compeCode: a.compeCode,
        branchCode: na(a.branchCode),
        number: a.number,
        checkDigit: a.checkDigit,
        type: a.type,
        subtype: a.subtype,
      })),
    })),
  };
}

// ---------------------------------------------------------------------------
// PersonalCustomersPage (examples/operations/PersonalCustomersPage.graphql), without a filter

const CURSOR_PREFIX = 'cursor:v1:';
const encodeCursor = (id: number) => Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');

function decodeCursor(cursor: unknown): number {
  const text = typeof cursor === 'string' ? Buffer.from(cursor, 'base64url').toString() : '';
  const id = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(id) || id < 0) throw new BadRequest('cursor is not one this API issued', 'INVALID_CURSOR');
  return id;
}

async function personalCustomersPage(db: Db, sql: Queries['page'], maxPageSize: number, variables: Record<string, unknown>) {
  if (variables.filter !== undefined && variables.filter !== null) throw new BadRequest('the raw server serves pages without a filter only', 'BAD_REQUEST');
  const first = variables.first === undefined ? 25 : variables.first;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > maxPageSize)
    throw new BadRequest(`first must be 1 to ${maxPageSize}`, 'PAGE_SIZE_TOO_LARGE');
  const after = variables.after === undefined || variables.after === null ? null : decodeCursor(variables.after);
  const [rows, count] = await Promise.all([db.all(sql.customers(first + 1), [after ?? -1]), db.all(sql.count, [])]);
  const customers = rows.length > first ? rows.slice(0, first) : rows;
  type Identification = { civilName: string; socialName: string; birthDate: string; contacts: { postalAddresses: object[] } };
  const identificationsOf = new Map<number, Identification[]>();
  let qualificationsOf = new Map<number, Row[]>();
  let relationsOf = qualificationsOf;
  let accountsOf = qualificationsOf;
  if (customers.length > 0) {
    const p = [after ?? -1, customers[customers.length - 1].id];
    const [identifications, qualifications, relations, accounts] = await Promise.all([
      db.all(sql.identifications, p),
      db.all(sql.qualifications, p),
      db.all(sql.relations, p),
      db.all(sql.accounts, p),
    ]);
    // One row per postal address (or one with addressId NULL): identifications in id order, each with its addresses.
    let last: Identification | null = null;
    let lastId = -1;
    for (const i of identifications) {
      if (i.id !== lastId) {
        lastId = i.id;
        last = { civilName: i.civilName, socialName: na(i.socialName), birthDate: i.birthDate, contacts: { postalAddresses: [] } };
        const group = identificationsOf.get(i.parent);
        if (group) group.push(last);
        else identificationsOf.set(i.parent, [last]);
      }
      if (i.addressId !== null) last!.contacts.postalAddresses.push({ townName: i.townName, countrySubDivision: i.countrySubDivision });
    }
    qualificationsOf = groupBy(qualifications);
    relationsOf = groupBy(relations);
    accountsOf = groupBy(accounts);
  }
  const edges = customers.map((c) => ({
    cursor: encodeCursor(c.id),
    node: {
      cpfNumber: c.cpfNumber,
      identifications: identificationsOf.get(c.id) ?? [],
      qualifications: (qualificationsOf.get(c.id) ?? NONE).map((q) => ({
        informedIncome: { amount: amount(q.incomeAmount), currency: q.incomeCurrency, frequency: q.incomeFrequency },
      })),
      financialRelations: (relationsOf.get(c.id) ?? NONE).map((r) => ({
        productsServicesType: r.products === null ? [] : r.products.split(','),
        accounts: (accountsOf.get(r.id) ?? NONE).map((a) => ({
          compeCode: a.compeCode,
          branchCode: na(a.branchCode),
          number: a.number,
          checkDigit: a.checkDigit,
          type: a.type,
          subtype: a.subtype,
        })),
      })),
    },
  }));
  return {
    totalCount: Number(count[0].n),
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    edges,
  };
}

// ---------------------------------------------------------------------------
// HTTP

const INTERACTION_ID = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,99}$/;

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * raw+ (RAW_PLUS=true): what the gateway must also do for the same guarantees,
 * by hand — verify the HS256 bearer token (signature, `exp`, `sub`) with
 * node:crypto, and commit one audit record per request (autocommit INSERT into
 * the gateway's audit_log: the customer, or a page's first customer with every
 * CPF of the page in `resources`) before the answer leaves.
 */
function verifyHs256(authorization: string | undefined, secret: Buffer): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match) return null;
  const header = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) as { alg?: string };
  if (header.alg !== 'HS256') return null;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${match[2]}`).digest();
  const given = Buffer.from(match[3], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(match[2], 'base64url').toString('utf8')) as { exp?: unknown; sub?: unknown };
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now() || typeof claims.sub !== 'string' || claims.sub === '') return null;
  return claims.sub;
}

const AUDIT_INSERT = 'INSERT INTO audit_log (at, subject, action, customerDocument, resources, interactionId, operationName) VALUES (?, ?, ?, ?, ?, ?, ?)';

const errorBody = (message: string, code: string) => JSON.stringify({ errors: [{ message, extensions: { code } }] });

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required (sqlite:PATH or mysql://…/database)');
  const maxPageSize = Number(process.env.MAX_PAGE_SIZE ?? 1000);
  const maxRequestBytes = 100_000;
  const db = await openDb(url);
  const sql = queries(db.kind);
  const plus = process.env.RAW_PLUS === 'true';
  const secret = Buffer.from(process.env.JWT_SECRET ?? '', 'utf8');
  if (plus && secret.length === 0) throw new Error('raw+ needs JWT_SECRET');
  if (plus) db.prepare(AUDIT_INSERT);
  /** The audit row's instant in the column's own format (SQLite stores TypeORM's text form; mysql2 converts a Date). */
  const now = () => (db.kind === 'sqlite' ? new Date().toISOString().replace('T', ' ').slice(0, 23) : new Date());
  // SQLite: every statement prepared once, up front (the page query once per page size, when first used).
  for (const text of [...Object.values(sql.customer), ...Object.values(sql.page).filter((q): q is string => typeof q === 'string')]) db.prepare(text);

  async function graphql(req: IncomingMessage, res: ServerResponse) {
    const given = req.headers['x-fapi-interaction-id'];
    const interaction = typeof given === 'string' && INTERACTION_ID.test(given) ? given : randomUUID();
    res.setHeader('x-fapi-interaction-id', interaction);
    let subject: string | null = null;
    if (plus) {
      try {
        subject = verifyHs256(req.headers.authorization, secret);
      } catch {
        subject = null;
      }
      if (!subject) return send(res, 401, errorBody('a valid bearer token is required', 'UNAUTHENTICATED'));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxRequestBytes) return send(res, 413, errorBody('request too large', 'PAYLOAD_TOO_LARGE'));
      chunks.push(chunk as Buffer);
    }
    let body: { operationName?: unknown; variables?: Record<string, unknown> | null };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, 400, errorBody('the body is not JSON', 'BAD_REQUEST'));
    }
    const variables = body?.variables ?? {};
    try {
      let json: string;
      let audited: string[] = [];
      if (body.operationName === 'PersonalCustomer') {
        const customer = await personalCustomer(db, sql.customer, variables.cpfNumber);
        if (customer) audited = [customer.cpfNumber];
        json = JSON.stringify({ data: { personalCustomer: customer } });
      } else if (body.operationName === 'PersonalCustomersPage') {
        const page = await personalCustomersPage(db, sql.page, maxPageSize, variables);
        audited = page.edges.map((edge) => edge.node.cpfNumber as string);
        json = JSON.stringify({ data: { personalCustomers: page } });
      } else {
        return send(res, 400, errorBody(`the raw server does not serve ${String(body.operationName)}`, 'BAD_REQUEST'));
      }
      if (plus && audited.length > 0) {
        await db.run(AUDIT_INSERT, [now() as never, subject!, 'READ', audited[0], audited.join(','), interaction, body.operationName as string]);
      }
      send(res, 200, json);
    } catch (error) {
      if (error instanceof BadRequest) return send(res, 400, errorBody(error.message, error.code));
      console.error(error);
      send(res, 500, errorBody('internal error', 'INTERNAL_SERVER_ERROR'));
    }
  }

  const server = createServer((req, res) => {
    const path = req.url?.split('?')[0];
    if (req.method === 'POST' && path === '/graphql') {
      graphql(req, res).catch((error) => {
        console.error(error);
        if (!res.headersSent) send(res, 500, errorBody('internal error', 'INTERNAL_SERVER_ERROR'));
      });
    } else if (req.method === 'GET' && path === '/metrics') {
      send(res, 200, `# TYPE db_statements_total counter\ndb_statements_total ${statements}\n`, 'text/plain; version=0.0.4');
    } else if (req.method === 'GET' && path === '/healthz') {
      send(res, 200, '{"status":"ok"}');
    } else {
      send(res, 404, errorBody('not found', 'NOT_FOUND'));
    }
  });
  await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  console.log(`${plus ? 'raw+' : 'raw'} ready at http://127.0.0.1:${port}/graphql (database: ${db.kind})`);

  const shutdown = async () => {
    server.close();
    server.closeAllConnections();
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
