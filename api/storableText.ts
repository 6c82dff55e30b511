/**
 * Text PostgreSQL can store. A `text` or `jsonb` value cannot hold U+0000, and a lone UTF-16
 * surrogate (half of an emoji cut in two, or a `\ud800` escape in JSON) has no UTF-8 encoding:
 * either one in a field that reaches the database made the write fail and the request answer
 * 500. Every request part the API validates (bodies, query strings, path parameters, multipart
 * `data`, each line of a JSON-lines batch) passes through `api/validation.ts`, which refuses
 * such text with a 400 naming the field before the schema is even consulted; JSON parsed from a
 * query parameter (`filter={…}`) is checked where it is parsed (`api/listQuery.ts`).
 *
 * Refused rather than repaired: replacing the characters would store something other than what
 * the marketplace sent, and the sender's bug (a truncated string) is better found at the source.
 */
export const UNSTORABLE_TEXT_MESSAGE = 'must not contain a NUL character (U+0000) or an unpaired UTF-16 surrogate';

/** How many offending places one answer names; the rest are not searched for. */
const MAX_REPORTED = 20;

export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}

const pointerSegment = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * JSON pointers (as ajv's `instancePath`) of the strings and object keys in `value` that cannot be
 * stored; empty when all can. A key that cannot be stored is reported at the key's own path.
 */
export function unstorableTextPaths(value: unknown): string[] {
  const found: string[] = [];
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (pending.length > 0 && found.length < MAX_REPORTED) {
    const next = pending.pop()!;
    if (typeof next.value === 'string') {
      if (!isStorableText(next.value)) found.push(next.path);
    } else if (Array.isArray(next.value)) {
      for (let index = next.value.length - 1; index >= 0; index--) pending.push({ value: next.value[index], path: `${next.path}/${index}` });
    } else if (next.value !== null && typeof next.value === 'object') {
      const entries = Object.entries(next.value);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, child] = entries[index]!;
        const path = `${next.path}/${pointerSegment(key)}`;
        if (!isStorableText(key)) found.push(path);
        else pending.push({ value: child, path });
      }
    }
  }
  return found.slice(0, MAX_REPORTED);
}
