/** The permutation that orders rows by time (ties keep generation order), for facts built out of order. */
export function orderByTime(times: Float64Array, n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => times[a]! - times[b]! || a - b);
}
