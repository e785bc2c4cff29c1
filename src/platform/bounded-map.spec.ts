import { BoundedMap } from './bounded-map';

describe('BoundedMap', () => {
  it('drops the oldest entry when a new key would pass its capacity; updating a key drops nothing', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    map.set('a', 10);
    expect([...map]).toEqual([
      ['a', 10],
      ['b', 2],
    ]);
    expect(map.get('a')).toBe(10); // a read does not count by default
    map.set('c', 3);
    expect([...map.keys()]).toEqual(['b', 'c']);
  });

  it("with recency 'read', keeps the entries read last (least recently used out)", () => {
    const map = new BoundedMap<string, number>(2, 'read');
    map.set('a', 1).set('b', 2);
    expect(map.get('a')).toBe(1);
    map.set('c', 3);
    expect([...map.keys()]).toEqual(['a', 'c']);
    expect(map.get('missing')).toBeUndefined();
    expect(map.size).toBe(2);
  });
});
