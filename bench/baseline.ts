/**
 * The BASELINE of `npm run bench`: the same answers as the gateway's
 * PersonalCustomer and PersonalCustomersPage operations, with no GraphQL layer.
 *
 * Same HTTP stack (Express 5 + express.json on node:http), same request body
 * (`{ operationName, query, variables }` — the query text is ignored, the
 * operation name picks a handler), same data access (TypeORM repositories of
 * the same entities, `paginate` and `applyCustomerFilter` from src, and the
 * loaders' batching: one `WHERE fk IN (…) ORDER BY id` query per relation and
 * level, issued concurrently like DataLoader does), same per-request work the
 * gateway cannot skip (token verification once, the policy check, the one
 * audit INSERT), and the same JSON: `{"data":{…}}` with the fields in the
 * operation's order and the spec's DateTime/Amount formats.
 *
 * BASELINE_BARE=true drops token verification and the audit insert (plain
 * data access only). Statements are counted like the gateway's
 * (`db_statements_total` on /metrics).
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import express, { NextFunction, Request, Response } from 'express';
import { DataSource, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { AuditTrail } from '../src/modules/audit/audit-trail';
import { loadVerificationKeys } from '../src/platform/security/keys';
import { enforce, Policies } from '../src/platform/security/policies';
import { authenticate, Viewer } from '../src/platform/security/viewer';
import { loadConfig } from '../src/platform/config';
import { Email, Phone, PostalAddress } from '../src/modules/customers/contacts/contact.entities';
import { applyCustomerFilter } from '../src/modules/customers/customer-filter';
import {
  Filiation,
  Nationality,
  NationalityOtherDocument,
  PersonalAccount,
  PersonalCustomer,
  PersonalFinancialRelation,
  PersonalIdentification,
  PersonalOtherDocument,
  PersonalProcurator,
  PersonalProductService,
  PersonalQualification,
} from '../src/modules/customers/personal/personal.entities';
import { assertCpf } from '../src/modules/customers/tax-id';
import { openDataSource } from '../src/data-source';
import { sqlStatements } from '../src/platform/observability/sql-statements';
import { GatewayError } from '../src/platform/errors';
import { interactionId } from '../src/platform/interaction-id';
import { paginate } from '../src/platform/pagination';
import { formatSpecDateTime } from '../src/platform/scalars';

const bare = /^(1|true|yes)$/i.test(process.env.BASELINE_BARE ?? '');

/** Rows of `entity` whose `foreignKey` is in `parentIds`, grouped per parent (Loaders.childrenOf's query). */
async function childrenOf<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  foreignKey: keyof T & string,
  parentIds: number[],
): Promise<Map<number, T[]>> {
  const byParent = new Map<number, T[]>(parentIds.map((id) => [id, []]));
  if (parentIds.length === 0) return byParent;
  const rows = await dataSource.getRepository(entity).find({ where: { [foreignKey]: In(parentIds) } as never, order: { id: 'ASC' } as never });
  for (const row of rows) byParent.get(row[foreignKey] as number)?.push(row);
  return byParent;
}

const ids = (rows: { id: number }[]) => [...new Set(rows.map((row) => row.id))];
const flat = <T>(groups: Map<number, T[]>) => [...groups.values()].flat();
const dateTime = (value: Date | string) => formatSpecDateTime(value);
const amount = (value: string | number) => (typeof value === 'string' ? Number(value) : value);

// ---------------------------------------------------------------------------
// PersonalCustomer: every block, nested (examples/operations/PersonalCustomer.graphql)

async function personalCustomer(dataSource: DataSource, cpfNumber: string, audit: AuditTrail | null) {
  assertCpf(cpfNumber);
  const customer = await dataSource.getRepository(PersonalCustomer).findOneBy({ cpfNumber });
  if (!customer) return null;
  const parents = [customer.id];
  const [identifications, qualifications, relations] = await Promise.all([
    childrenOf(dataSource, PersonalIdentification, 'customerId', parents),
    childrenOf(dataSource, PersonalQualification, 'customerId', parents),
    childrenOf(dataSource, PersonalFinancialRelation, 'customerId', parents),
  ]);
  const identificationIds = ids(flat(identifications));
  const relationIds = ids(flat(relations));
  const [otherDocuments, nationalities, filiations, addresses, phones, emails, products, procurators, accounts] = await Promise.all([
    childrenOf(dataSource, PersonalOtherDocument, 'identificationId', identificationIds),
    childrenOf(dataSource, Nationality, 'identificationId', identificationIds),
    childrenOf(dataSource, Filiation, 'identificationId', identificationIds),
    childrenOf(dataSource, PostalAddress, 'personalIdentificationId', identificationIds),
    childrenOf(dataSource, Phone, 'personalIdentificationId', identificationIds),
    childrenOf(dataSource, Email, 'personalIdentificationId', identificationIds),
    childrenOf(dataSource, PersonalProductService, 'financialRelationId', relationIds),
    childrenOf(dataSource, PersonalProcurator, 'financialRelationId', relationIds),
    childrenOf(dataSource, PersonalAccount, 'financialRelationId', relationIds),
  ]);
  const nationalityDocuments = await childrenOf(dataSource, NationalityOtherDocument, 'nationalityId', ids(flat(nationalities)));
  audit?.record(customer.cpfNumber, 'identifications');
  audit?.record(customer.cpfNumber, 'qualifications');
  audit?.record(customer.cpfNumber, 'financialRelations');

  return {
    cpfNumber: customer.cpfNumber,
    identifications: identifications.get(customer.id)!.map((i) => ({
      updateDateTime: dateTime(i.updateDateTime),
      personalId: i.personalId,
      brandName: i.brandName,
      civilName: i.civilName,
      socialName: i.socialName,
      birthDate: i.birthDate,
      maritalStatusCode: i.maritalStatusCode,
      maritalStatusAdditionalInfo: i.maritalStatusAdditionalInfo,
      sex: i.sex,
      companyCnpj: i.companyCnpj,
      documents: {
        cpfNumber: i.documents.cpfNumber,
        passportNumber: i.documents.passportNumber,
        passportCountry: i.documents.passportCountry,
        passportExpirationDate: i.documents.passportExpirationDate,
        passportIssueDate: i.documents.passportIssueDate,
      },
      otherDocuments: otherDocuments.get(i.id)!.map((d) => ({
        type: d.type,
        typeAdditionalInfo: d.typeAdditionalInfo,
        number: d.number,
        checkDigit: d.checkDigit,
        additionalInfo: d.additionalInfo,
        expirationDate: d.expirationDate,
      })),
      hasBrazilianNationality: i.hasBrazilianNationality,
      nationality: nationalities.get(i.id)!.map((n) => ({
        otherNationalitiesInfo: n.otherNationalitiesInfo,
        documents: nationalityDocuments.get(n.id)!.map((d) => ({
          type: d.type,
          number: d.number,
          expirationDate: d.expirationDate,
          issueDate: d.issueDate,
          country: d.country,
          typeAdditionalInfo: d.typeAdditionalInfo,
        })),
      })),
      filiation: filiations.get(i.id)!.map((f) => ({ type: f.type, civilName: f.civilName, socialName: f.socialName })),
      contacts: {
        postalAddresses: addresses.get(i.id)!.map((a) => {
          const coordinates = a.geographicCoordinates;
          return {
            isMain: a.isMain,
            address: a.address,
            additionalInfo: a.additionalInfo,
            districtName: a.districtName,
            townName: a.townName,
            ibgeTownCode: a.ibgeTownCode,
            countrySubDivision: a.countrySubDivision,
            postCode: a.postCode,
            country: a.country,
            countryCode: a.countryCode,
            geographicCoordinates: coordinates ? { latitude: coordinates.latitude, longitude: coordinates.longitude } : null,
          };
        }),
        phones: phones.get(i.id)!.map((p) => ({
          isMain: p.isMain,
          type: p.type,
          additionalInfo: p.additionalInfo,
          countryCallingCode: p.countryCallingCode,
          areaCode: p.areaCode,
          number: p.number,
          phoneExtension: p.phoneExtension,
        })),
        emails: emails.get(i.id)!.map((e) => ({ isMain: e.isMain, email: e.email })),
      },
    })),
    qualifications: qualifications.get(customer.id)!.map((q) => ({
      updateDateTime: dateTime(q.updateDateTime),
      companyCnpj: q.companyCnpj,
      occupationCode: q.occupationCode,
      occupationDescription: q.occupationDescription,
      informedIncome: {
        frequency: q.informedIncome.frequency,
        amount: amount(q.informedIncome.amount),
        currency: q.informedIncome.currency,
        date: q.informedIncome.date,
      },
      informedPatrimony: { amount: amount(q.informedPatrimony.amount), currency: q.informedPatrimony.currency, year: q.informedPatrimony.year },
    })),
    financialRelations: relations.get(customer.id)!.map((r) => ({
      updateDateTime: dateTime(r.updateDateTime),
      startDate: dateTime(r.startDate),
      productsServicesType: products.get(r.id)!.map((p) => p.type),
      productsServicesTypeAdditionalInfo: r.productsServicesTypeAdditionalInfo,
      procurators: procurators.get(r.id)!.map((p) => ({ type: p.type, cpfNumber: p.cpfNumber, civilName: p.civilName, socialName: p.socialName })),
      accounts: accounts.get(r.id)!.map((a) => ({
        compeCode: a.compeCode,
        branchCode: a.branchCode,
        number: a.number,
        checkDigit: a.checkDigit,
        type: a.type,
        subtype: a.subtype,
      })),
    })),
  };
}

// ---------------------------------------------------------------------------
// PersonalCustomersPage (examples/operations/PersonalCustomersPage.graphql)

async function personalCustomersPage(dataSource: DataSource, maxPageSize: number, variables: Record<string, unknown>, audit: AuditTrail | null) {
  const query = dataSource.getRepository(PersonalCustomer).createQueryBuilder('customer');
  applyCustomerFilter(query, (variables.filter as never) ?? null, {
    identifications: 'personal_identifications',
    nameColumns: ['civilName', 'socialName'],
    contactColumn: 'personalIdentificationId',
    financialRelations: 'personal_financial_relations',
    productsServices: 'personal_products_services',
  });
  const page = await paginate(query, { first: Number(variables.first ?? 25), after: (variables.after as string | null) ?? null }, maxPageSize);
  const customers = page.edges.map((edge) => edge.node);
  const parents = ids(customers);
  const [identifications, qualifications, relations] = await Promise.all([
    childrenOf(dataSource, PersonalIdentification, 'customerId', parents),
    childrenOf(dataSource, PersonalQualification, 'customerId', parents),
    childrenOf(dataSource, PersonalFinancialRelation, 'customerId', parents),
  ]);
  const relationIds = ids(flat(relations));
  const [addresses, products, accounts] = await Promise.all([
    childrenOf(dataSource, PostalAddress, 'personalIdentificationId', ids(flat(identifications))),
    childrenOf(dataSource, PersonalProductService, 'financialRelationId', relationIds),
    childrenOf(dataSource, PersonalAccount, 'financialRelationId', relationIds),
  ]);
  for (const customer of customers) {
    audit?.record(customer.cpfNumber, 'identifications');
    audit?.record(customer.cpfNumber, 'qualifications');
    audit?.record(customer.cpfNumber, 'financialRelations');
  }
  return {
    totalCount: page.totalCount,
    pageInfo: { hasNextPage: page.pageInfo.hasNextPage, endCursor: page.pageInfo.endCursor },
    edges: page.edges.map(({ cursor, node }) => ({
      cursor,
      node: {
        cpfNumber: node.cpfNumber,
        identifications: identifications.get(node.id)!.map((i) => ({
          civilName: i.civilName,
          socialName: i.socialName,
          birthDate: i.birthDate,
          contacts: { postalAddresses: addresses.get(i.id)!.map((a) => ({ townName: a.townName, countrySubDivision: a.countrySubDivision })) },
        })),
        qualifications: qualifications.get(node.id)!.map((q) => ({
          informedIncome: { amount: amount(q.informedIncome.amount), currency: q.informedIncome.currency, frequency: q.informedIncome.frequency },
        })),
        financialRelations: relations.get(node.id)!.map((r) => ({
          productsServicesType: products.get(r.id)!.map((p) => p.type),
          accounts: accounts.get(r.id)!.map((a) => ({
            compeCode: a.compeCode,
            branchCode: a.branchCode,
            number: a.number,
            checkDigit: a.checkDigit,
            type: a.type,
            subtype: a.subtype,
          })),
        })),
      },
    })),
  };
}

// ---------------------------------------------------------------------------

async function main() {
  const config = loadConfig();
  const keys = await loadVerificationKeys(config.auth.env, config.env === 'production');
  const dataSource = await openDataSource(config.database);
  const app = express();
  const httpServer = createServer(app);

  app.get('/metrics', (_req, res) => {
    res.type('text/plain').send(`# TYPE db_statements_total counter\ndb_statements_total ${sqlStatements.total}\n`);
  });
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));

  app.post('/graphql', interactionId, express.json({ limit: config.limits.maxRequestBytes }), async (req: Request, res: Response, next: NextFunction) => {
    try {
      const body = (req.body ?? {}) as { operationName?: string; variables?: Record<string, unknown> };
      const variables = body.variables ?? {};
      let viewer: Viewer | null = null;
      if (!bare) {
        viewer = await authenticate(req.headers.authorization, keys);
      }
      const audit = bare ? null : new AuditTrail();
      let data: Record<string, unknown>;
      if (body.operationName === 'PersonalCustomer') {
        if (!bare) enforce(Policies.personalCustomer, viewer, null, variables);
        data = { personalCustomer: await personalCustomer(dataSource, String(variables.cpfNumber), audit) };
      } else if (body.operationName === 'PersonalCustomersPage') {
        if (!bare) enforce(Policies.customerLists, viewer, null, variables);
        data = { personalCustomers: await personalCustomersPage(dataSource, config.maxPageSize, variables, audit) };
      } else {
        res.status(400).json({ errors: [{ message: `baseline does not serve ${body.operationName}`, extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
      if (audit) {
        await audit.flush(dataSource, {
          subject: viewer?.subject ?? 'anonymous',
          interactionId: req.interactionId!,
          operationName: body.operationName ?? null,
        });
      }
      res.json({ data });
    } catch (error) {
      if (error instanceof GatewayError) {
        res.status(400).json({ errors: [{ message: error.message, extensions: error.extensions }] });
        return;
      }
      next(error);
    }
  });

  await new Promise<void>((resolve) => httpServer.listen(config.port, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  console.log(`baseline ready at http://127.0.0.1:${port}/graphql (database: ${config.database.kind}${bare ? ', bare' : ''})`);

  const shutdown = async () => {
    httpServer.close();
    httpServer.closeAllConnections();
    await dataSource.destroy().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
