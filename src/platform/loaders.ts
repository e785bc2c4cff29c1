import DataLoader from 'dataloader';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { ALL_COLUMNS, DirectRows } from './data/direct-rows';

/**
 * The one loader factory. Loaders live for one request (created in the
 * context), so batching never leaks data between callers; each is created on
 * first use. Lookups are keyed by the entity class itself: this runs once per
 * parent object, so it stays a couple of Map reads.
 */
export class Loaders {
  private readonly byTarget = new Map<unknown, Map<string, DataLoader<unknown, unknown>>>();
  private readonly reader: DirectRows;

  /** `beforeBatch` runs before each batch's SQL (the execution deadline lives there). */
  constructor(
    dataSource: DataSource,
    private readonly beforeBatch: () => void = () => undefined,
  ) {
    this.reader = DirectRows.of(dataSource);
  }

  /**
   * Children of many parents in one `WHERE fk IN (…)` query, ordered by id,
   * as plain objects holding only `properties` (the GraphQL fields selected;
   * keys always) — all columns when not given.
   */
  childrenOf<T extends ObjectLiteral>(entity: EntityTarget<T>, foreignKey: keyof T & string, properties?: readonly string[]): DataLoader<number, T[]> {
    const name = properties ? `${foreignKey}|${properties.join(',')}` : foreignKey;
    return this.memoised(entity, name, async (parentIds: readonly number[]) => {
      const rows = await this.reader.where(entity, foreignKey, parentIds, properties ?? ALL_COLUMNS);
      const byParent = new Map<number, T[]>(parentIds.map((id) => [id, []]));
      for (const row of rows) byParent.get(row[foreignKey] as number)?.push(row);
      return parentIds.map((id) => byParent.get(id)!);
    });
  }

  /** Any other batch function, memoised under `name` for this request. */
  named<K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    return this.memoised(Loaders, name, batch);
  }

  private memoised<K, V>(target: unknown, name: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let loaders = this.byTarget.get(target);
    if (!loaders) {
      loaders = new Map();
      this.byTarget.set(target, loaders);
    }
    let loader = loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      // async: a synchronous throw would reach callers wrapped by DataLoader, losing its code.
      const guarded = async (keys: readonly K[]) => {
        this.beforeBatch();
        return batch(keys);
      };
      loader = new DataLoader<K, V>(guarded, { maxBatchSize: 1000 });
      loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}
