/**
 * Text variants a person or a second system would produce: names written another way ("John Smith",
 * "J. Smith", "Smith, John", case, stray spaces) and formats that drift (case, padding, a postal code
 * that lost its leading zero). Pure functions of the text and a uniform draw; each returns text that
 * differs from its input (or undefined when no variant differs).
 */

/** One of `options` by a uniform draw. */
export const choose = <T>(options: readonly T[], u: number): T =>
  options[Math.min(options.length - 1, Math.floor(u * options.length))]!;

/** The first variant from option `start` on (cyclically) that differs from `text`. */
function firstDiffering(text: string, options: readonly string[], u: number): string | undefined {
  const start = Math.min(options.length - 1, Math.floor(u * options.length));
  for (let k = 0; k < options.length; k++) {
    const option = options[(start + k) % options.length]!;
    if (option !== text) return option;
  }
  return undefined;
}

/** A name as another record of the same entity might hold it. */
export function nameVariant(text: string, u: number): string | undefined {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return undefined;
  const options =
    words.length >= 2
      ? [
          `${words[0]![0]}. ${words.slice(1).join(' ')}`,
          `${words.at(-1)}, ${words.slice(0, -1).join(' ')}`,
          text.toUpperCase(),
          text.toLowerCase(),
          `${words.join('  ')} `,
        ]
      : [`${text[0]}.`, text.toUpperCase(), text.toLowerCase(), ` ${text}`, `${text} `];
  return firstDiffering(text, options, u);
}

/** The same text in a drifted format. */
export function formatVariant(text: string, u: number): string | undefined {
  if (/^0\d+$/.test(text)) return text.replace(/^0+/, '') || '0';
  return firstDiffering(
    text,
    [text.toUpperCase(), text.toLowerCase(), ` ${text}`, `${text} `, `${text}  `],
    u,
  );
}

/** Placeholders that mean "no value" in a text column; null is a real NULL. */
export const PLACEHOLDERS: readonly (string | null)[] = [null, '', 'N/A', 'null', '-'];

export const placeholder = (u: number) => choose(PLACEHOLDERS, u);
