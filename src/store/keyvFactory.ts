/**
 * The keyv instances behind each backend, configured alike: no keyv namespace prefix (our keys
 * carry their own `motpart:` prefix), JSON serialisation shared with the Redis atomic path, and
 * errors thrown rather than swallowed (keyv's default turns a failed read into "missing", which
 * would make a store outage look like an empty store).
 */
import { Keyv, type DeserializedData, type KeyvStoreAdapter } from 'keyv';
import { deserialize, serialize } from './codec.js';

export function keyvOver(store: KeyvStoreAdapter | Map<unknown, unknown>): Keyv {
  return new Keyv({
    store,
    namespace: undefined,
    useKeyPrefix: false,
    serialize,
    deserialize: <Value>(raw: string) => deserialize(raw) as DeserializedData<Value> | undefined,
    throwOnErrors: true,
    emitErrors: false,
  });
}

export function memoryKeyv(): Keyv {
  return keyvOver(new Map());
}
