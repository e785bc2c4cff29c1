/**
 * `iterator`, calling `release` exactly once when it ends however it ends:
 * exhausted, failed, or closed by its consumer. On close, `release` runs
 * before the iterator's own `return`, so it can end a read still pending
 * (e.g. close the source an async generator is awaiting).
 */
export function onEnd<T>(iterator: AsyncIterator<T>, release: () => void | Promise<void>): AsyncIterableIterator<T> {
  let released: Promise<void> | null = null;
  const finish = () => (released ??= Promise.resolve().then(release));
  return {
    next: async () => {
      try {
        const result = await iterator.next();
        if (result.done) await finish();
        return result;
      } catch (error) {
        await finish();
        throw error;
      }
    },
    return: async (value?: unknown) => {
      await finish();
      return iterator.return ? iterator.return(value as never) : { done: true, value: value as T };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
