import { describe, expect, it } from 'vitest';
import { Arena, int32Pairs } from '../src/generate/arena.js';

describe('Arena', () => {
  it('hands out zeroed, 8-byte aligned, non-overlapping slices', () => {
    const arena = new Arena();
    const a = arena.u8(3);
    const b = arena.f64(2);
    const c = arena.i64(1);
    a.fill(7);
    b.fill(1.5);
    expect(b.byteOffset % 8).toBe(0);
    expect(c.byteOffset % 8).toBe(0);
    expect(Array.from(a)).toEqual([7, 7, 7]);
    expect(Array.from(b)).toEqual([1.5, 1.5]);
    expect(c[0]).toBe(0n);
  });

  it('reuses its memory after reset, zeroed again', () => {
    const arena = new Arena();
    const first = arena.i32(1000);
    first.fill(-1);
    const held = arena.capacity;
    arena.reset();
    const again = arena.i32(1000);
    expect(again.buffer).toBe(first.buffer);
    expect(again.byteOffset).toBe(first.byteOffset);
    expect(again.every((v) => v === 0)).toBe(true);
    expect(arena.capacity).toBe(held);
  });

  it('grows for requests bigger than a block and keeps them after reset', () => {
    const arena = new Arena();
    arena.u8(100);
    const big = arena.f64(2_000_000); // 16 MB: more than the first block has left
    expect(big.length).toBe(2_000_000);
    const held = arena.capacity;
    arena.reset();
    arena.u8(100);
    arena.f64(2_000_000);
    expect(arena.capacity).toBe(held);
  });

  it('replaces an empty block too small for a request', () => {
    const arena = new Arena();
    arena.u8(1);
    arena.reset();
    const big = arena.u8(20 << 20);
    expect(big.length).toBe(20 << 20);
    expect(arena.capacity).toBe(20 << 20);
  });
});

describe('int32Pairs', () => {
  it('views an int64 slice as (low, high) pairs at its own offset', () => {
    const arena = new Arena();
    arena.u8(8);
    const col = arena.i64(2);
    const pairs = int32Pairs(col);
    pairs[2] = 5;
    pairs[3] = 1;
    expect(col[1]).toBe(2n ** 32n + 5n);
    expect(col[0]).toBe(0n);
  });
});
