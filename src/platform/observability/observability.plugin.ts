import { ApolloServerPlugin } from '@apollo/server';
import { GatewayContext } from '../graphql/context';
import { logger } from './logger';
import { errorCodeLabel, GatewayMetrics, operationLabel } from './metrics';
import { stageEnd, stageStart, stageTimings } from './stages';

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
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN'));
          const metricsStart = stageStart();
          metrics.requests.inc({ operation, outcome: codes.length ? 'error' : 'ok' });
          metrics.duration.observe({ operation }, seconds);
          for (const code of codes) metrics.errors.inc({ code: errorCodeLabel(code) });
          stageEnd('metrics', metricsStart);
          const loggingStart = stageStart();
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
          stageEnd('logging', loggingStart);
        },
      };
    },
  };
}

/**
 * STAGE_TIMINGS (npm run bench): parsing and validation times, and the moment
 * the response is ready to be serialized (this plugin comes last).
 */
export const stageTimingPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    if (!stageTimings.enabled) return {};
    return {
      async parsingDidStart() {
        const start = stageStart();
        return async () => stageEnd('parse', start);
      },
      async validationDidStart() {
        const start = stageStart();
        return async () => stageEnd('validate', start);
      },
      async willSendResponse({ contextValue }) {
        if (contextValue.timing) contextValue.timing.ready = stageStart();
      },
    };
  },
};
