/**
 * PostgreSQL's binary `numeric`: int16 digit count, int16 weight (of the first base-10000 digit),
 * int16 sign, int16 display scale, then the base-10000 digits. Made from the exact scaled integer
 * (DuckDB's DECIMAL storage), so no value goes through a float.
 */
const NEGATIVE = 0x4000;

/** The binary COPY field payload of `unscaled / 10^scale`. */
export function numericBytes(unscaled: bigint, scale: number): Buffer {
  const negative = unscaled < 0n;
  const text = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const intPart = text.slice(0, text.length - scale);
  const fraction = text.slice(text.length - scale);
  // Integer digits grouped by four from the point leftwards, fraction digits rightwards.
  const intGroups = intPart.padStart(Math.ceil(intPart.length / 4) * 4, '0').match(/.{4}/g) ?? [];
  const fracGroups = fraction.padEnd(Math.ceil(fraction.length / 4) * 4, '0').match(/.{4}/g) ?? [];
  let digits = [...intGroups, ...fracGroups].map(Number);
  let weight = intGroups.length - 1;
  while (digits.length && digits[0] === 0) {
    digits = digits.slice(1);
    weight--;
  }
  while (digits.length && digits.at(-1) === 0) digits.pop();
  const out = Buffer.allocUnsafe(8 + 2 * digits.length);
  out.writeInt16BE(digits.length, 0);
  out.writeInt16BE(digits.length ? weight : 0, 2);
  out.writeUInt16BE(negative && digits.length ? NEGATIVE : 0, 4);
  out.writeInt16BE(scale, 6);
  for (const [i, d] of digits.entries()) out.writeInt16BE(d, 8 + 2 * i);
  return out;
}
