import { FieldViolation, InputError, Violations } from './errors';
import { PlatformError } from './platform-errors';

/**
 * The one rule for free text a client sends (registration fields, list and
 * audit filters, token subjects): what characters it may hold, how long it
 * is, and how it is shortened where the read model has a smaller column.
 */

/**
 * Refused anywhere in free text: control characters (C0 with NUL, tab and line
 * breaks; DEL; C1), Unicode line and paragraph separators, bidirectional
 * controls (embeddings, overrides, isolates and the LRM/RLM/ALM marks, which
 * can make a name display as something else) and unpaired UTF-16 surrogates
 * (not text; stored as U+FFFD or refused by the database).
 */
const FORBIDDEN_CHARACTERS = /[\p{Cc}\u2028\u2029\p{Bidi_Control}]|\p{Cs}/u;
/** Spaces and characters with no visible form (zero-width spaces and joiners, word joiner, BOM, variation selectors…). */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}]/gu;
const ZERO_WIDTH = /\p{Default_Ignorable_Code_Point}/u;

/** Why `value` is not acceptable free text, or null when it is. An empty string is acceptable (callers decide whether it is required). */
export function textViolation(value: string): { code: typeof PlatformError.INVALID_CHARACTERS; message: string } | null {
  if (FORBIDDEN_CHARACTERS.test(value)) {
    return {
      code: PlatformError.INVALID_CHARACTERS,
      message: 'must not contain control characters, line or paragraph separators, bidirectional controls or unpaired surrogates',
    };
  }
  // Blank (spaces only) is left to the caller's "required" rule; zero-width-only text is a disguised blank.
  if (ZERO_WIDTH.test(value) && value.replace(INVISIBLE, '') === '') {
    return { code: PlatformError.INVALID_CHARACTERS, message: 'must contain visible characters (not only zero-width or invisible ones)' };
  }
  return null;
}

/**
 * Why `value` cannot be an identity (a token subject: who registered, claimed,
 * decided, owns), or null. Stricter than free text: identities are compared
 * byte for byte, so anything that displays like another identity is refused —
 * leading or trailing whitespace ("ana "), zero-width and other invisible
 * characters anywhere ("ana\u200b"), besides what free text refuses.
 */
export function identityViolation(value: string): { code: typeof PlatformError.INVALID_CHARACTERS; message: string } | null {
  const problem = textViolation(value);
  if (problem) return problem;
  if (/^\p{White_Space}|\p{White_Space}$/u.test(value)) return { code: PlatformError.INVALID_CHARACTERS, message: 'must not begin or end with whitespace' };
  if (ZERO_WIDTH.test(value)) return { code: PlatformError.INVALID_CHARACTERS, message: 'must not contain zero-width or other invisible characters' };
  return null;
}

/** Length in characters (Unicode code points), as the databases count VARCHAR lengths. */
export function textLength(value: string): number {
  let length = 0;
  for (const _ of value) length += 1;
  return length;
}

/** Adds a violation for `field` when `value` breaks the text rule; true when it is acceptable. */
export function checkText(violations: Violations, field: string, value: string): boolean {
  const problem = textViolation(value);
  if (problem) violations.add(field, problem.code, problem.message);
  return !problem;
}

/** Throws INVALID_CHARACTERS (InputError) for every given field whose value breaks the text rule; null/undefined are skipped. */
export function assertTexts(fields: Record<string, string | null | undefined>): void {
  const violations: FieldViolation[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    const problem = textViolation(value);
    if (problem) violations.push({ field, ...problem });
  }
  if (violations.length) throw new InputError(violations);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * `value` shortened to at most `maxLength` code points, on whole grapheme
 * clusters: never half of a surrogate pair, never a letter without its
 * combining accent, an emoji without its modifier or a flag without its
 * second half (unless a single cluster is longer than `maxLength`).
 */
export function truncateText(value: string, maxLength: number): string {
  if (value.length <= maxLength) return value; // UTF-16 units ≥ code points: already fits
  let kept = '';
  let length = 0;
  for (const { segment } of graphemes.segment(value)) {
    const segmentLength = textLength(segment);
    if (length + segmentLength > maxLength) break;
    kept += segment;
    length += segmentLength;
  }
  // One cluster longer than the whole limit (a letter under dozens of combining marks): whole code points then.
  return kept !== '' ? kept : Array.from(value).slice(0, maxLength).join('');
}
