import { DataSource } from 'typeorm';
import { AuditEntry } from './modules/audit/audit.entity';
import { Consent } from './modules/consents/consent.entity';
import { DatabaseConfig } from './platform/config';
import * as business from './modules/customers/business/business.entities';
import { Email, Phone, PostalAddress } from './modules/customers/contacts/contact.entities';
import * as personal from './modules/customers/personal/personal.entities';
import { DataSourceSettings, openDatabase } from './platform/data/data-source';
import { DocumentAnalysis } from './modules/onboarding/documents/document-analysis.entity';
import { CustomerEvent, CustomerRegistration, EvaluationJob, EventStream } from './modules/onboarding/registration.entities';
import { ManualReview } from './modules/onboarding/reviews/manual-review.entity';
import { Webhook, WebhookAttempt, WebhookDelivery } from './modules/webhooks/webhook.entities';

/** Every TypeORM entity of the gateway; the migrations create exactly these tables. */
export const entities = [
  personal.PersonalCustomer, personal.PersonalIdentification, personal.PersonalOtherDocument, personal.Nationality,
  personal.NationalityOtherDocument, personal.Filiation, personal.PersonalQualification, personal.PersonalFinancialRelation,
  personal.PersonalProductService, personal.PersonalProcurator, personal.PersonalAccount,
  business.BusinessCustomer, business.BusinessIdentification, business.BusinessOtherDocument, business.BusinessParty,
  business.BusinessQualification, business.EconomicActivity, business.BusinessFinancialRelation, business.BusinessProductService,
  business.BusinessProcurator, business.BusinessAccount,
  PostalAddress, Phone, Email,
  CustomerRegistration, EvaluationJob, CustomerEvent, EventStream, DocumentAnalysis,
  Webhook, WebhookDelivery, WebhookAttempt,
  AuditEntry,
  Consent,
  ManualReview,
];

/** Creates and initialises the gateway's data source for `config`: its entities on that database (the usual entry point). */
export function openDataSource(config: DatabaseConfig, options: DataSourceSettings = {}): Promise<DataSource> {
  return openDatabase(config, entities, options);
}
