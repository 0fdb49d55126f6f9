/**
 * Identifiers of Iceberg metadata derived from what they name, never from a clock or a random
 * source: the same dataset gives the same table UUIDs, snapshot ids and Avro sync markers.
 */
import { createHash } from 'node:crypto';

/** RFC 9562's namespace for URLs; the names hashed under it start with `gen-parquet:`. */
const NAMESPACE = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');

export function sha256(parts: readonly string[]): Buffer {
  const hash = createHash('sha256');
  // A length before each part, so ['ab', 'c'] and ['a', 'bc'] differ.
  for (const p of parts) hash.update(`${Buffer.byteLength(p)}:${p}`);
  return hash.digest();
}

/** A name-based (version 5, SHA-1) UUID of `name`. */
export function nameUuid(name: string): string {
  const bytes = createHash('sha1').update(NAMESPACE).update(`gen-parquet:${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A positive id from `parts` below 2^53, so that every JSON reader (JavaScript's included) reads the
 * exact number Iceberg's `long` holds.
 */
export function numericId(parts: readonly string[]): number {
  const id = Number(sha256(parts).readBigUInt64BE(0) & 0x1f_ffff_ffff_ffffn);
  return id === 0 ? 1 : id;
}
