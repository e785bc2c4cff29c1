import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { auditObject } from '../../audit';
import { reachOf } from '../../../platform/security/policies';
import { assertCpf } from '../../customers';
import { GatewayContext } from '../../../platform/graphql/context';
import { isValidCpf } from '../../../platform/documents';
import { clientCodeOf } from '../../../platform/errors';
import { DocumentAnalysis } from './document-analysis.entity';
import { DocumentSide, DocumentType } from './document.enums';
import { followDocumentAnalysis } from './document.stream';
import { MaybeUpload, UploadScalar } from '../../../platform/graphql/upload';

const assertDocumentNumber = (documentNumber: string) => assertCpf(documentNumber, 'documentNumber');

@Resolver(() => DocumentAnalysis)
export class DocumentAnalysisResolver {
  @Mutation(() => DocumentAnalysis, {
    description:
      'Submits one document image for analysis (Bankly POST /document-analysis/{cpf}/deepface): a multipart request with one JPEG or PNG file ' +
      '(DOCUMENT_MAX_BYTES at most). The selfie first; RG/CNH photos once it is ANALYSIS_COMPLETED. Answers at once with status ANALYZING and ' +
      'the token for registerCustomer; follow the analysis with the documentAnalysis subscription.',
  })
  async submitDocument(
    @Arg('documentNumber', { description: 'CPF, digits only.' }) documentNumber: string,
    @Arg('documentType', () => DocumentType) documentType: DocumentType,
    @Arg('documentSide', () => DocumentSide, { description: 'FRONT or BACK; a SELFIE is FRONT.' }) documentSide: DocumentSide,
    @Arg('image', () => UploadScalar, { description: 'The image file: JPEG or PNG, recognised by its content.' }) image: MaybeUpload,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    try {
      const analysis = await context.documents.submit({ documentNumber, documentType, documentSide, image }, context.viewer?.subject ?? null);
      auditObject(context, info, documentNumber, 'document', 'REGISTER');
      return analysis;
    } catch (error) {
      if (isValidCpf(documentNumber)) {
        context.audit.record(documentNumber, `document-rejected:${clientCodeOf(error)}`, 'REGISTER');
      }
      throw error;
    }
  }
  @Query(() => DocumentAnalysis, {
    nullable: true,
    description: "A document analysis of this CPF by its token; null when unknown (or another CPF's, or another partner's).",
  })
  async documentAnalysis(
    @Arg('documentNumber') documentNumber: string,
    @Arg('token') token: string,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    assertDocumentNumber(documentNumber);
    const analysis = await context.documents.find(documentNumber, token, reachOf(context.viewer));
    if (analysis) auditObject(context, info, documentNumber, 'document');
    return analysis;
  }

  @Subscription(() => DocumentAnalysis, {
    name: 'documentAnalysis',
    description:
      'A document analysis, live: its current state first, then each change; completes once the status is final. ' +
      'Completes at once, without a value, for an unknown token.',
    subscribe: async ({ args, context }) => {
      const gateway = context as GatewayContext;
      // Authorized on every subscribe (guardRootFields), not only at connection time; each state sent is audited below.
      assertDocumentNumber(args.documentNumber);
      return followDocumentAnalysis(gateway, args.documentNumber, args.token);
    },
  })
  documentAnalysisChanged(
    @Arg('documentNumber') documentNumber: string,
    @Arg('token') _token: string,
    @Root() analysis: DocumentAnalysis,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): DocumentAnalysis {
    auditObject(context, info, documentNumber, 'document');
    return analysis;
  }
}
