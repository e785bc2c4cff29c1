import { ApolloServerPlugin } from '@apollo/server';
import { GatewayContext } from '../shared/context';

/**
 * End of every HTTP GraphQL request: errors carry the interaction id, and the
 * customer data the request touched is written to the audit log.
 */
export const requestTrailPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response, request, operationName }) {
        if (response.body.kind === 'single') {
          for (const error of response.body.singleResult.errors ?? []) {
            (error.extensions as Record<string, unknown>).interactionId = contextValue.interactionId;
          }
        }
        await contextValue.audit.flush(contextValue.dataSource, {
          subject: contextValue.viewer?.subject ?? 'anonymous',
          interactionId: contextValue.interactionId,
          operationName: operationName ?? request.operationName ?? null,
        });
      },
    };
  },
};
