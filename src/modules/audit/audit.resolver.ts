import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Info, Ctx, Field, InputType, Query, Resolver } from 'type-graphql';
import { GatewayContext } from '../../platform/graphql/context';
import { ConnectionType, PageArgs, paginate } from '../../platform/pagination';
import { DateTimeScalar } from '../../platform/scalars';
import { assertTexts } from '../../platform/text';
import { AuditEntry } from './audit.entity';

@InputType()
export class AuditFilter {
  @Field(() => String, { nullable: true, description: 'CPF or CNPJ.' })
  customerDocument?: string | null;

  @Field(() => String, { nullable: true, description: 'Token subject.' })
  subject?: string | null;

  @Field(() => String, { nullable: true })
  interactionId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  to?: Date | null;
}

const AuditEntryConnection = ConnectionType(AuditEntry, 'AuditEntry');

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'Who read or registered which customer data, when (analysts only), oldest first.' })
  auditLog(
    @Args() page: PageArgs,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
    @Ctx() { dataSource, config }: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    assertTexts({ 'filter.customerDocument': filter?.customerDocument, 'filter.subject': filter?.subject, 'filter.interactionId': filter?.interactionId });
    const query = dataSource.getRepository(AuditEntry).createQueryBuilder('entry');
    if (filter?.customerDocument) query.andWhere('entry.customerDocument = :customerDocument', { customerDocument: filter.customerDocument });
    if (filter?.subject) query.andWhere('entry.subject = :subject', { subject: filter.subject });
    if (filter?.interactionId) query.andWhere('entry.interactionId = :interactionId', { interactionId: filter.interactionId });
    if (filter?.from) query.andWhere('entry.at >= :from', { from: filter.from });
    if (filter?.to) query.andWhere('entry.at <= :to', { to: filter.to });
    return paginate(query, page, config.maxPageSize, info);
  }
}
