import { Field, ObjectType } from 'type-graphql';
import { Column, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AmountColumn, CreatedAtColumn, EnumColumn, InstantColumn, TextColumn, UpdatedAtColumn } from '../../platform/data/columns';
import { AmountScalar, DateTimeScalar } from '../../platform/scalars';
import { EnumAccountType, EnumProductServiceType } from './enums';

/**
 * What the personal and business entities share, written once. Each base
 * brings its TypeORM columns (inherited from a non-entity class: tables,
 * column, index and foreign-key names stay those of the subclass's table) and,
 * where it has any, its GraphQL fields (object types no field returns, so
 * never emitted by themselves; inherited fields come first in the subclass's
 * type, so a base holds only the fields that lead it).
 *
 * The bases taking a parent are factories: the parent class differs, and the
 * decorators they apply run when the subclass is declared, so the columns
 * keep the order they had when each entity declared them itself.
 */

type Class<T> = abstract new (...args: never[]) => T;

/**
 * 1.0.3's literal for "not available"; 2.x omits the field instead (absent optional fields are omitted). The read model
 * stores NULL (issue 23): a column `xOrNull` (database column `x`) holds the value, and the 1.0.3 field `x` is a getter
 * rendering NULL as NA (declared in the entity's `readsFrom`, a pure function of the row).
 */
export const NOT_AVAILABLE = 'NA';

/**
 * The stored value, or null for the literal NA, where the read model still keeps it: a CNPJ list entry (simple-array, no
 * NULL entries), a placeholder account's number or COMPE code, a passport issue date (see docs/data-receivers.md).
 */
export function known<T extends string>(value: T | null | undefined): T | null {
  return value === null || value === undefined || value === NOT_AVAILABLE ? null : value;
}

/** The deprecation reason of a 1.0.3 field whose nullable 2.x twin is `twin` (same meaning, null instead of NA). */
export const naShapeUse = (twin: string) => `Customers API 1.0.3 shape (the literal NA when not available): use ${twin}.`;

/** The root of a customer: surrogate key and row timestamps (its tax id is the subclass's). */
export abstract class CustomerRoot {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/**
 * A row that belongs to one `parent` row: integer primary key, indexed integer
 * foreign key `key` and the many-to-one relation `relation`, deleted and
 * updated with its parent. E.g. `childOf(() => PersonalIdentification, 'identificationId', 'identification')`.
 */
export function childOf<P, K extends string, R extends string>(parent: () => Class<P>, key: K, relation: R) {
  abstract class ChildRow {
    @PrimaryGeneratedColumn({ type: 'integer' })
    id!: number;
  }
  const row = ChildRow.prototype;
  Column({ type: 'integer' })(row, key);
  Index()(row, key);
  ManyToOne(parent, { onDelete: 'CASCADE', onUpdate: 'CASCADE' })(row, relation);
  return ChildRow as Class<ChildRow & { [k in K]: number } & { [r in R]?: P }>;
}

/** One record block of a customer (identification, qualification, financial relation): a child of the customer, with the spec's updateDateTime. */
export function customerRecordOf<C>(customer: () => Class<C>, options: { indexUpdateDateTime?: boolean } = {}) {
  @ObjectType()
  abstract class CustomerRecord extends childOf(customer, 'customerId', 'customer') {
    @Field(() => DateTimeScalar)
    @InstantColumn()
    updateDateTime!: Date;
  }
  if (options.indexUpdateDateTime) Index()(CustomerRecord.prototype, 'updateDateTime');
  return CustomerRecord;
}

/** The head of PersonalFinancialRelationData / BusinessFinancialRelationData. */
export function financialRelationOf<C>(customer: () => Class<C>) {
  @ObjectType()
  abstract class FinancialRelation extends customerRecordOf(customer) {
    @Field(() => DateTimeScalar, { description: 'Start of the relationship.' })
    @InstantColumn()
    startDate!: Date;
  }
  return FinancialRelation;
}

/** One product or service with an active contract (the N:N Customer-Product of the ER model). */
export function productServiceOf<F>(financialRelation: () => Class<F>) {
  abstract class ProductService extends childOf(financialRelation, 'financialRelationId', 'financialRelation') {
    @Index()
    @EnumColumn(EnumProductServiceType)
    type!: EnumProductServiceType;
  }
  return ProductService;
}

/** An account the customer holds at the institution (its head; personal accounts add a subtype). */
export function accountOf<F>(financialRelation: () => Class<F>) {
  @ObjectType()
  abstract class Account extends childOf(financialRelation, 'financialRelationId', 'financialRelation') {
    @Field({ description: 'COMPE bank code, 3 digits or NA.' })
    @TextColumn(3)
    compeCode!: string;

    @Field({ description: 'Branch, 4 digits or NA.', deprecationReason: naShapeUse('branchCodeOrNull') })
    get branchCode(): string {
      return this.branchCodeOrNull ?? NOT_AVAILABLE;
    }

    static readonly readsFrom: Record<string, readonly string[]> = { branchCode: ['branchCodeOrNull'] };

    @Field(() => String, { nullable: true, description: 'Branch, 4 digits; null when the account has none (1.0.3: NA).' })
    @TextColumn(4, { nullable: true, name: 'branchCode' })
    branchCodeOrNull!: string | null;

    @Field({ description: 'Account number, 8-20 digits or NA.' })
    @TextColumn(20)
    number!: string;

    @Field({ description: 'Account check digit.' })
    @TextColumn(1)
    checkDigit!: string;

    @Field(() => EnumAccountType)
    @EnumColumn(EnumAccountType)
    type!: EnumAccountType;
  }
  return Account;
}

/**
 * A procurator of the customer in a financial relation: its kind (`types`, the
 * spec's enum, which differs for natural and legal persons), its tax id
 * (`document`: the property, its length and description differ too), civil and
 * social names. E.g. `procuratorOf(() => PersonalFinancialRelation, EnumProcuratorsTypePersonal,
 * { property: 'cpfNumber', length: 11, description: 'CPF, 11 digits or NA.' }, 'Civil name (max 70).')`.
 */
export function procuratorOf<F, E extends Record<string, string>, D extends string>(
  financialRelation: () => Class<F>,
  types: E,
  document: { property: D; length: number; description: string },
  civilNameDescription: string,
) {
  @ObjectType()
  abstract class ProcuratorKind extends childOf(financialRelation, 'financialRelationId', 'financialRelation') {
    @Field(() => types)
    @EnumColumn(types)
    type!: E[keyof E];
  }
  // The tax id follows the kind (its property name varies, so it is decorated here), the names follow it. Placeholder
  // entries (NAO_APLICA, NAO_POSSUI) store NULL in all three; the 1.0.3 fields render NA.
  const stored = `${document.property}OrNull`;
  TextColumn(document.length, { nullable: true, name: document.property })(ProcuratorKind.prototype, stored);
  Object.defineProperty(ProcuratorKind.prototype, document.property, {
    get(this: Record<string, string | null>) {
      return this[stored] ?? NOT_AVAILABLE;
    },
    configurable: true,
  });
  Field(() => String, { description: document.description })(ProcuratorKind.prototype, document.property);

  @ObjectType()
  abstract class Procurator extends ProcuratorKind {
    @Field({ description: civilNameDescription })
    get civilName(): string {
      return this.civilNameOrNull ?? NOT_AVAILABLE;
    }

    @TextColumn(70, { nullable: true, name: 'civilName' })
    civilNameOrNull!: string | null;

    @Field({ description: 'Social name (max 70), NA when none.', deprecationReason: naShapeUse('socialNameOrNull') })
    get socialName(): string {
      return this.socialNameOrNull ?? NOT_AVAILABLE;
    }

    static readonly readsFrom: Record<string, readonly string[]> = {
      [document.property]: [stored],
      civilName: ['civilNameOrNull'],
      socialName: ['socialNameOrNull'],
    };

    @Field(() => String, { nullable: true, description: 'Social name (max 70); null when none (1.0.3: NA).' })
    @TextColumn(70, { nullable: true, name: 'socialName' })
    socialNameOrNull!: string | null;
  }
  return Procurator as unknown as Class<Procurator & { readonly [d in D]: string } & { [d in `${D}OrNull`]: string | null }>;
}

/** An informed amount (income, revenue, patrimony): exact, as the Amount scalar. */
export function AmountField(): PropertyDecorator {
  return (target, property) => {
    AmountColumn()(target, property);
    Field(() => AmountScalar)(target, property);
  };
}

/** The currency of an informed amount. */
export function CurrencyField(): PropertyDecorator {
  return (target, property) => {
    TextColumn(3)(target, property);
    Field(() => String, { description: 'ISO-4217 currency, e.g. BRL.' })(target, property);
  };
}

/** A Customers API 2.x amount: a decimal string (2 to 4 decimals, never a float) and its ISO-4217 currency. */
@ObjectType('MonetaryAmount', { simpleResolvers: true, description: 'Customers API 2.x amount: { amount: "1234.5600", currency: "BRL" }.' })
export class MonetaryAmount {
  @Field({ description: 'Decimal string with 2 to 4 decimals (^-?\\d{1,15}\\.\\d{2,4}$), e.g. 1234.5600.' })
  amount!: string;

  @Field({ description: 'ISO-4217 currency, e.g. BRL.' })
  currency!: string;
}

/** The head of an informed patrimony (embedded): the amount and its currency; the reference year or date is the subclass's. */
@ObjectType()
export abstract class InformedPatrimony {
  @AmountField()
  amount!: string;

  @CurrencyField()
  currency!: string;
}
