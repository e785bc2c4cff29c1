import { ApolloServerPlugin } from '@apollo/server';
import { GatewayContext } from '../shared/context';
import { logger } from './logger';
import { errorCodeLabel, GatewayMetrics, operationLabel } from './metrics';

/** One log line and a few metric updates per HTTP GraphQL operation. */
export function observabilityPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ contextValue, response, operationName, request }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          // Bounded labels (registered names, `other`, `anonymous`), so clients cannot blow up cardinality.
          const operation = operationLabel(operationName ?? request.operationName);
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors ?? [] : [];
          const codes = errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN'));
          metrics.requests.inc({ operation, outcome: codes.length ? 'error' : 'ok' });
          metrics.duration.observe({ operation }, seconds);
          for (const code of codes) metrics.errors.inc({ code: errorCodeLabel(code) });
          logger.info(
            {
              interactionId: contextValue?.interactionId,
              operation: operationName ?? null,
              durationMs: Math.round(seconds * 1000),
              client: contextValue?.viewer?.subject ?? 'anonymous',
              errors: codes.length ? codes : undefined,
            },
            'graphql request',
          );
        },
      };
    },
  };
}
