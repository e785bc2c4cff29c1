import { createGatewayPubSub } from '../events/pubsub';
import { announceWork, PollingLoop, PollOutcome } from './polling';

const IDLE: PollOutcome = { done: 0, nextDueAt: null };

/** A poll function that records when it ran and answers `outcome(n)` for its n-th call (1-based). */
function recordingPoll(outcome: (n: number) => PollOutcome | Promise<PollOutcome> = () => IDLE) {
  const at: number[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  return {
    at,
    poll: async () => {
      at.push(Date.now());
      for (const waiter of waiting.filter((w) => at.length >= w.count)) waiter.resolve();
      return outcome(at.length);
    },
    /** Resolves once the poll has run `count` times in all. */
    reached: (count: number) => new Promise<void>((resolve) => (at.length >= count ? resolve() : waiting.push({ count, resolve }))),
  };
}

describe('PollingLoop', () => {
  const loops: PollingLoop[] = [];
  const started = (options: ConstructorParameters<typeof PollingLoop>[0]) => {
    const loop = new PollingLoop(options);
    loops.push(loop);
    loop.start();
    return loop;
  };
  afterEach(async () => {
    await Promise.all(loops.splice(0).map((loop) => loop.stop()));
  });

  it('polls at once on start and at once when woken, not only every pollMs', async () => {
    const polls = recordingPoll();
    const loop = started({ name: 'spec', pollMs: 3_600_000, poll: polls.poll });
    await polls.reached(1);
    loop.wake();
    await polls.reached(2);
    expect(polls.at).toHaveLength(2);
  });

  it('polls again right after a poll during which it was woken', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const polls = recordingPoll(async (n) => (n === 1 ? held.then(() => IDLE) : IDLE));
    const loop = started({ name: 'spec', pollMs: 3_600_000, poll: polls.poll });
    await polls.reached(1);
    loop.wake(); // the first poll is still running
    release();
    await polls.reached(2);
  });

  it('polls again at the due time of the next job a poll saw, however long pollMs is', async () => {
    const dueAt = Date.now() + 150;
    const polls = recordingPoll((n) => (n === 1 ? { done: 0, nextDueAt: new Date(dueAt) } : IDLE));
    started({ name: 'spec', pollMs: 3_600_000, poll: polls.poll });
    await polls.reached(2);
    expect(polls.at[1]).toBeGreaterThanOrEqual(dueAt);
  });

  it('polls again at once while polls find work', async () => {
    const polls = recordingPoll((n) => ({ done: n < 3 ? 1 : 0, nextDueAt: null }));
    started({ name: 'spec', pollMs: 3_600_000, poll: polls.poll });
    await polls.reached(3);
  });

  it('wakes on the bus: one WORK_ENQUEUED per turn of the event loop, however many commits announce work in it; none after stop()', async () => {
    const bus = createGatewayPubSub();
    const signals = bus.subscribe('WORK_ENQUEUED')[Symbol.asyncIterator]();
    const polls = recordingPoll();
    const loop = started({ name: 'spec', pollMs: 3_600_000, poll: polls.poll, bus });
    await polls.reached(1);
    const publish = jest.spyOn(bus, 'publish');
    for (let i = 0; i < 5; i++) announceWork(bus);
    await signals.next();
    expect(publish).toHaveBeenCalledTimes(1);
    await polls.reached(2);
    await loop.stop();
    announceWork(bus);
    await signals.next();
    expect(polls.at).toHaveLength(2);
    await signals.return?.();
  });
});
