import { ApolloServerPlugin } from '@apollo/server';
import { GatewayContext } from '../../platform/graphql/context';
import { stageEnd, stageStart } from '../../platform/observability/stages';
import { maskedError } from '../../platform/error-formatting';

/** Writes the customer data an operation (or one subscription event) returned to the audit log. */
export function flushAuditTrail(context: GatewayContext, operationName: string | null): Promise<void> {
  return context.audit.flush(context.dataSource, {
    subject: context.viewer?.subject ?? 'anonymous',
    interactionId: context.interactionId,
    operationName,
  });
}

/**
 * End of every operation, whatever its transport: the customer data it touched
 * is written to the audit log and its errors carry the interaction id. Data
 * whose access cannot be recorded is not returned (fail closed).
 */
export const requestTrailPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response, request, operationName }) {
        if (response.body.kind !== 'single') return;
        const start = stageStart();
        try {
          await flushAuditTrail(contextValue, operationName ?? request.operationName ?? null);
        } catch (error) {
          response.body.singleResult = { errors: [maskedError(error)] };
          response.http.status = 500;
        }
        stageEnd('audit', start);
        for (const error of response.body.singleResult.errors ?? []) {
          (error.extensions as Record<string, unknown>).interactionId = contextValue.interactionId;
        }
      },
    };
  },
};
