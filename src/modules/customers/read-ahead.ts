import { FieldNode, GraphQLResolveInfo } from 'graphql';
import { ObjectLiteral } from 'typeorm';
import { permits, Policy } from '../../platform/security/policies';
import { DirectRows, TreeLevel } from '../../platform/data/direct-rows';
import { GatewayContext } from '../../platform/graphql/context';
import { fieldNamesOf, subFields } from '../../platform/selection';
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
import { Email, Phone, PostalAddress } from './contacts/contact.entities';
import { CustomerKind } from './customer-kinds';
import {
  Filiation,
  Nationality,
  NationalityOtherDocument,
  PaychecksBankLink,
  PersonalAccount,
  PortabilityReceived,
  PersonalCustomer,
  PersonalFinancialRelation,
  PersonalIdentification,
  PersonalOtherDocument,
  PersonalProcurator,
  PersonalProductService,
  PersonalQualification,
} from './personal/personal.entities';

/** A list field of the read model: the entity it lists and the key to its parent (the same the field's resolver loads by). */
interface Relation {
  entity: Function;
  foreignKey: string;
  /** Columns read whatever the selection (a leaf list such as productsServicesType). */
  properties?: readonly string[];
  /** A contacts object: not a table, its lists hang on the parent's key. */
  contacts?: Record<string, Relation>;
}

const contactsOf = (foreignKey: string): Relation => ({
  entity: Object,
  foreignKey,
  contacts: {
    postalAddresses: { entity: PostalAddress, foreignKey },
    phones: { entity: Phone, foreignKey },
    emails: { entity: Email, foreignKey },
  },
});

/** Every list of the customers read model, by parent entity and GraphQL field (mirrors the resolvers' loaders). */
const RELATIONS = new Map<Function, Record<string, Relation>>([
  [
    PersonalCustomer,
    {
      identifications: { entity: PersonalIdentification, foreignKey: 'customerId' },
      qualifications: { entity: PersonalQualification, foreignKey: 'customerId' },
      financialRelations: { entity: PersonalFinancialRelation, foreignKey: 'customerId' },
    },
  ],
  [
    PersonalIdentification,
    {
      otherDocuments: { entity: PersonalOtherDocument, foreignKey: 'identificationId' },
      nationality: { entity: Nationality, foreignKey: 'identificationId' },
      filiation: { entity: Filiation, foreignKey: 'identificationId' },
      contacts: contactsOf('personalIdentificationId'),
    },
  ],
  [Nationality, { documents: { entity: NationalityOtherDocument, foreignKey: 'nationalityId' } }],
  [
    PersonalFinancialRelation,
    {
      productsServicesType: { entity: PersonalProductService, foreignKey: 'financialRelationId', properties: ['type'] },
      procurators: { entity: PersonalProcurator, foreignKey: 'financialRelationId' },
      accounts: { entity: PersonalAccount, foreignKey: 'financialRelationId' },
      paychecksBankLink: { entity: PaychecksBankLink, foreignKey: 'financialRelationId' },
      portabilitiesReceived: { entity: PortabilityReceived, foreignKey: 'financialRelationId' },
    },
  ],
  [
    BusinessCustomer,
    {
      identifications: { entity: BusinessIdentification, foreignKey: 'customerId' },
      qualifications: { entity: BusinessQualification, foreignKey: 'customerId' },
      financialRelations: { entity: BusinessFinancialRelation, foreignKey: 'customerId' },
    },
  ],
  [
    BusinessIdentification,
    {
      otherDocuments: { entity: BusinessOtherDocument, foreignKey: 'identificationId' },
      parties: { entity: BusinessParty, foreignKey: 'identificationId' },
      contacts: contactsOf('businessIdentificationId'),
    },
  ],
  [BusinessQualification, { economicActivities: { entity: EconomicActivity, foreignKey: 'qualificationId' } }],
  [
    BusinessFinancialRelation,
    {
      productsServicesType: { entity: BusinessProductService, foreignKey: 'financialRelationId', properties: ['type'] },
      procurators: { entity: BusinessProcurator, foreignKey: 'financialRelationId' },
      accounts: { entity: BusinessAccount, foreignKey: 'financialRelationId' },
    },
  ],
]);

type Fragments = GraphQLResolveInfo['fragments'];

/** The levels the selection `nodes` asks for under `entity`; a field with directives is left to its resolver. */
function levelsOf(entity: Function, nodes: readonly FieldNode[], fragments: Fragments, allowed: (field: string) => boolean): TreeLevel[] {
  const relations = RELATIONS.get(entity);
  if (!relations) return [];
  const levels: TreeLevel[] = [];
  const level = (relation: Relation, fieldNodes: FieldNode[]): TreeLevel => ({
    entity: relation.entity,
    foreignKey: relation.foreignKey,
    properties: relation.properties ?? fieldNamesOf(fieldNodes, fragments),
    children: relation.properties ? [] : levelsOf(relation.entity, fieldNodes, fragments, () => true),
  });
  for (const fieldNodes of subFields(nodes, fragments).values()) {
    const name = fieldNodes[0].name.value;
    const relation = relations[name];
    if (!relation || !allowed(name) || fieldNodes.some((node) => node.directives?.length)) continue;
    if (!relation.contacts) {
      levels.push(level(relation, fieldNodes));
      continue;
    }
    for (const contactNodes of subFields(fieldNodes, fragments).values()) {
      const contact = relation.contacts[contactNodes[0].name.value];
      if (contact && !contactNodes.some((node) => node.directives?.length)) levels.push(level(contact, contactNodes));
    }
  }
  return levels;
}

/**
 * Reads ahead, in one statement, every list the selection asks for under
 * `customers` (a customer's blocks, their documents, contacts, accounts…) and
 * hands the rows to the request's loaders, so the resolvers below answer
 * from them without SQL — the same rows, columns and order they would load
 * level by level. Blocks the caller may not see are not read: their
 * resolvers refuse them as before.
 */
export async function readAhead<C extends ObjectLiteral & { id: number }>(
  context: GatewayContext,
  kind: CustomerKind<C>,
  customers: readonly C[],
  nodes: readonly FieldNode[],
  fragments: Fragments,
): Promise<void> {
  if (customers.length === 0 || customers.length > context.config.readAheadMaxCustomers) return;
  const blockPolicy: Record<string, Policy> = {
    identifications: kind.policies.identifications,
    qualifications: kind.policies.additionalInfo,
    financialRelations: kind.policies.additionalInfo,
  };
  const allowed = (field: string) => !blockPolicy[field] || customers.every((customer) => permits(blockPolicy[field], context.viewer, customer));
  const levels = levelsOf(kind.customer, nodes, fragments, allowed);
  if (levels.length === 0) return;
  const rows = await DirectRows.of(context.dataSource).tree(
    kind.customer,
    customers.map((customer) => customer.id),
    levels,
  );
  const prime = (level: TreeLevel) => {
    context.loaders.prime(level.entity as never, level.foreignKey as never, level.properties, rows.get(level) ?? new Map());
    level.children.forEach(prime);
  };
  levels.forEach(prime);
}

/** The field nodes of the customer objects under a connection's `edges { node }`. */
export function connectionNodes(info: GraphQLResolveInfo): FieldNode[] {
  const nodes: FieldNode[] = [];
  for (const edges of subFields(info.fieldNodes, info.fragments).values()) {
    if (edges[0].name.value !== 'edges') continue;
    for (const node of subFields(edges, info.fragments).values()) if (node[0].name.value === 'node') nodes.push(...node);
  }
  return nodes;
}
