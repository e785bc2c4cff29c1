/**
 * The relation tree of the customers read model, declared once: every list
 * below a customer — the entity it lists, the foreign key to its parent, the
 * GraphQL fields served from its rows (with Customers API 2.x's filters),
 * the customer record property the write path takes it from. Derived from it:
 * the compiled read's SQL levels and shaping (compiled-read.ts), the write
 * path's table order and links (customer-records.ts) and the module's entity
 * list (customers.module.ts).
 */
import {
  BusinessAccount,
  BusinessCustomer,
  BusinessFinancialRelation,
  BusinessIdentification,
  BusinessOtherDocument,
  BusinessParty,
  BusinessProcurator,
  BusinessProductService,
  BusinessQualification,
  EconomicActivity,
} from './business/business.entities';
import { known } from './bases';
import { Email, Phone, PostalAddress } from './contacts/contact.entities';
import type { CustomerTable } from './customer-records';
import {
  Filiation,
  Nationality,
  NationalityOtherDocument,
  PaychecksBankLink,
  PersonalAccount,
  PersonalCustomer,
  PersonalFinancialRelation,
  PersonalIdentification,
  PersonalOtherDocument,
  PersonalProcurator,
  PersonalProductService,
  PersonalQualification,
  PortabilityReceived,
} from './personal/personal.entities';

/** Any entity class, abstract bases' subclasses included. */
export type EntityClass = abstract new (...args: never[]) => object;

/** A row as read: column values by property. */
type Row = Record<string, unknown>;

/** A GraphQL list field served from a relation's rows. */
export interface ListField {
  /** The field, on the parent's type (or on its `group` object). */
  field: string;
  /** Customers API 2.x: only the rows `row` keeps (1.0.3's placeholder entries left out), reading the fields `reads` (columns, or getters: computed first). */
  keep?: { reads: readonly string[]; row(row: Row): boolean };
  /** 2.x's optional lists with at least one item: null rather than empty. */
  orNull?: true;
  /** A list of one column of each row rather than of objects (productsServicesType: each product's `type`). */
  leaf?: string;
}

/** One table below a customer: its rows belong to one row of the parent's table. */
export interface Relation {
  entity: EntityClass;
  /** The write path's name of its rows (CustomerRows). */
  rows: CustomerTable;
  /** The property of the parent's record holding its blocks (CustomerRecord). */
  record: string;
  /** Its column referencing the parent's primary key. */
  foreignKey: string;
  /** Columns left null (a contact belongs to a personal or a business identification). */
  nulls?: readonly string[];
  /** The object under the parent the fields hang on (contacts), when not the parent itself. */
  group?: string;
  /** A customer's block: the consent permission its fields need (CustomerKind.policies). */
  block?: 'identifications' | 'additionalInfo';
  fields: readonly ListField[];
  children: readonly Relation[];
}

/** A customer kind's tree: the customer's table and the relations below it. */
export interface CustomerTree {
  entity: EntityClass;
  rows: CustomerTable;
  children: readonly Relation[];
}

const relation = (
  entity: EntityClass,
  rows: CustomerTable,
  via: { record: string; foreignKey: string },
  fields: readonly (string | ListField)[],
  children: readonly Relation[] = [],
  more: Pick<Relation, 'nulls' | 'group' | 'block'> = {},
): Relation => ({ entity, rows, ...via, fields: fields.map((field) => (typeof field === 'string' ? { field } : field)), children, ...more });

const ofIdentification = (record: string) => ({ record, foreignKey: 'identificationId' });
const ofFinancialRelation = (record: string) => ({ record, foreignKey: 'financialRelationId' });
const ofCustomer = (record: string) => ({ record, foreignKey: 'customerId' });

/** The same contact tables serve both kinds: a row belongs to the identification named by `owner`, `other` stays null. */
type ContactOwner = 'personalIdentificationId' | 'businessIdentificationId';
const contacts = (owner: ContactOwner, other: ContactOwner): Relation[] => {
  const contact = (entity: EntityClass, rows: CustomerTable, fields: readonly (string | ListField)[]) =>
    relation(entity, rows, { record: rows, foreignKey: owner }, fields, [], { nulls: [other], group: 'contacts' });
  return [
    contact(PostalAddress, 'postalAddresses', ['postalAddresses']),
    contact(Phone, 'phones', ['phones', { field: 'phonesWithAreaCode', keep: { reads: ['areaCodeOrNull'], row: (phone) => phone.areaCodeOrNull !== null } }]),
    contact(Email, 'emails', ['emails']),
  ];
};

/** 1.0.3's "no procurator" entries (natural / legal persons): 2.x has an empty list instead. */
const PLACEHOLDER_PROCURATOR_TYPES: ReadonlySet<unknown> = new Set(['NAO_APLICA', 'NAO_POSSUI']);

/** What both kinds' financial relations list: products, procurators and accounts (2.x without 1.0.3's placeholder entries). */
const financialRelationLists = (kind: 'personal' | 'business', productService: EntityClass, procurator: EntityClass, account: EntityClass) => [
  relation(productService, `${kind}ProductsServices`, ofFinancialRelation('productsServices'), [{ field: 'productsServicesType', leaf: 'type' }]),
  relation(procurator, `${kind}Procurators`, ofFinancialRelation('procurators'), [
    'procurators',
    {
      field: 'appointedProcurators',
      keep: { reads: ['type', 'civilNameOrNull'], row: (row) => !PLACEHOLDER_PROCURATOR_TYPES.has(row.type) && row.civilNameOrNull !== null },
    },
  ]),
  relation(account, `${kind}Accounts`, ofFinancialRelation('accounts'), [
    'accounts',
    {
      field: 'heldAccounts',
      keep: {
        reads: ['type', 'subtype', 'number', 'compeCode'],
        row: (row) =>
          row.type !== 'SEM_TIPO_CONTA' &&
          row.subtype !== 'SEM_SUB_TIPO_CONTA' &&
          known(row.number as string) !== null &&
          known(row.compeCode as string) !== null,
      },
    },
  ]),
];

export const PERSONAL_TREE: CustomerTree = {
  entity: PersonalCustomer,
  rows: 'personalCustomers',
  children: [
    relation(
      PersonalIdentification,
      'personalIdentifications',
      ofCustomer('identifications'),
      ['identifications'],
      [
        relation(PersonalOtherDocument, 'personalOtherDocuments', ofIdentification('otherDocuments'), [
          'otherDocuments',
          { field: 'otherDocumentsOrNull', keep: { reads: ['type'], row: (row) => row.type !== 'SEM_OUTROS_DOCUMENTOS' }, orNull: true },
        ]),
        relation(
          Nationality,
          'nationalities',
          ofIdentification('nationalities'),
          ['nationality', { field: 'nationalityOrNull', orNull: true }],
          [relation(NationalityOtherDocument, 'nationalityDocuments', { record: 'documents', foreignKey: 'nationalityId' }, ['documents'])],
        ),
        relation(Filiation, 'filiations', ofIdentification('filiations'), [
          'filiation',
          {
            field: 'filiationOrNull',
            keep: { reads: ['type', 'civilNameOrNull'], row: (row) => row.type !== 'SEM_FILIACAO' && row.civilNameOrNull !== null },
            orNull: true,
          },
        ]),
        ...contacts('personalIdentificationId', 'businessIdentificationId'),
      ],
      { block: 'identifications' },
    ),
    relation(PersonalQualification, 'personalQualifications', ofCustomer('qualifications'), ['qualifications'], [], { block: 'additionalInfo' }),
    relation(
      PersonalFinancialRelation,
      'personalFinancialRelations',
      ofCustomer('financialRelations'),
      ['financialRelations'],
      [
        ...financialRelationLists('personal', PersonalProductService, PersonalProcurator, PersonalAccount),
        relation(PaychecksBankLink, 'paychecksBankLinks', ofFinancialRelation('paychecksBankLinks'), [{ field: 'paychecksBankLink', orNull: true }]),
        relation(PortabilityReceived, 'portabilitiesReceived', ofFinancialRelation('portabilitiesReceived'), [
          { field: 'portabilitiesReceived', orNull: true },
        ]),
      ],
      { block: 'additionalInfo' },
    ),
  ],
};

export const BUSINESS_TREE: CustomerTree = {
  entity: BusinessCustomer,
  rows: 'businessCustomers',
  children: [
    relation(
      BusinessIdentification,
      'businessIdentifications',
      ofCustomer('identifications'),
      ['identifications'],
      [
        relation(BusinessOtherDocument, 'businessOtherDocuments', ofIdentification('otherDocuments'), [{ field: 'otherDocuments', orNull: true }]),
        relation(BusinessParty, 'businessParties', ofIdentification('parties'), ['parties']),
        ...contacts('businessIdentificationId', 'personalIdentificationId'),
      ],
      { block: 'identifications' },
    ),
    relation(
      BusinessQualification,
      'businessQualifications',
      ofCustomer('qualifications'),
      ['qualifications'],
      [relation(EconomicActivity, 'economicActivities', { record: 'economicActivities', foreignKey: 'qualificationId' }, ['economicActivities'])],
      { block: 'additionalInfo' },
    ),
    relation(
      BusinessFinancialRelation,
      'businessFinancialRelations',
      ofCustomer('financialRelations'),
      ['financialRelations'],
      financialRelationLists('business', BusinessProductService, BusinessProcurator, BusinessAccount),
      { block: 'additionalInfo' },
    ),
  ],
};

/**
 * Every table of a customer with its entity, in a valid insertion order:
 * each kind's tree depth first, then the tables both kinds share (the
 * contacts, below either kind's identifications).
 */
export const CUSTOMER_TABLES: readonly (readonly [CustomerTable, EntityClass])[] = (() => {
  const kinds = [PERSONAL_TREE, BUSINESS_TREE].map((tree) => {
    const tables = new Map<CustomerTable, EntityClass>();
    const visit = (rows: CustomerTable, entity: EntityClass, children: readonly Relation[]) => {
      tables.set(rows, entity);
      for (const child of children) visit(child.rows, child.entity, child.children);
    };
    visit(tree.rows, tree.entity, tree.children);
    return tables;
  });
  const shared = [...kinds[0]].filter(([rows]) => kinds.slice(1).every((tables) => tables.has(rows)));
  const own = kinds.flatMap((tables) => [...tables].filter(([rows]) => !shared.some(([table]) => table === rows)));
  return [...own, ...shared];
})();
