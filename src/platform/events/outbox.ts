import type { EntityManager } from 'typeorm';

/**
 * Outbox hooks: called inside the transaction that records a domain event, so
 * that what other modules derive from it (webhook deliveries) commits or
 * vanishes with the event. The module recording events never imports its
 * consumers; consumers register here from their module's setup.
 */
export type OutboxHook<E = unknown> = (manager: EntityManager, event: E) => Promise<unknown>;

const hooks = new Set<OutboxHook<any>>();

/** Idempotent: a hook registered by several gateways of one process runs once per event. */
export function registerOutboxHook<E>(hook: OutboxHook<E>): void {
  hooks.add(hook);
}

export async function runOutboxHooks<E>(manager: EntityManager, event: E): Promise<void> {
  for (const hook of hooks) await hook(manager, event);
}
