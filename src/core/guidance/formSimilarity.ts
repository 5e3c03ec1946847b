/**
 * How closely a question matches one of a snippet's question forms: the score fuse.js gives with
 * the options the re-rank was tuned with (`ignoreLocation`, `threshold: 0.6`, `ignoreFieldNorm`),
 * as a similarity. That score is the fewest edits (insertions, deletions, substitutions) that make
 * the pattern appear somewhere in the form, over the pattern's length; past the threshold there is
 * no match.
 *
 * fuse.js's bitap finds that count by scanning the form once per error level (up to 19 scans at 32
 * characters) and builds a new index for every question: about half the time of a slow guidance
 * question. Myers' bit-vector algorithm finds the same count in one scan. approx-string-match,
 * which implements it, was tried: it allocates a 256-entry table per call and finds where each best
 * match starts, which we do not need, and at twelve forms a question it was no faster than fuse.js.
 * test/core/formSimilarity.test.ts holds this to fuse.js's figures.
 */

/** fuse.js's default, which the confidence weights were tuned with. */
const THRESHOLD = 0.6;
/** fuse.js never reports a partial match as perfect: an exact match inside a longer form scores this. */
const FLOOR = 0.001;
/** One machine word: a bit per pattern character. */
export const PATTERN_MAX = 32;

/** The most errors fuse.js accepts: it tries error counts while count / length stays within the threshold. */
function allowedErrors(patternLength: number): number {
  let errors = 0;
  while (errors + 1 < patternLength && (errors + 1) / patternLength <= THRESHOLD) errors++;
  return errors;
}

/**
 * Myers (1999), "A fast bit-vector algorithm for approximate string matching based on dynamic
 * programming", for a pattern of one word. Each text character advances one column of the edit
 * table (pattern down, text across), held as bit vectors of its +1 and -1 vertical steps; the top
 * row stays 0 because a match may start anywhere. `errors` follows the bottom cell: the fewest
 * edits for a match ending here.
 */
function fewestEdits(positions: ReadonlyMap<number, number>, length: number, text: string): number {
  const bottom = 1 << (length - 1);
  let plus = -1;
  let minus = 0;
  let errors = length;
  let fewest = length;
  for (let j = 0; j < text.length; j++) {
    const equal = positions.get(text.charCodeAt(j)) ?? 0;
    const xv = equal | minus;
    const xh = (((equal & plus) + plus) ^ plus) | equal;
    let ph = minus | ~(xh | plus);
    let mh = plus & xh;
    if (ph & bottom) errors++;
    else if (mh & bottom) errors--;
    ph <<= 1;
    mh <<= 1;
    plus = mh | ~(xv | ph);
    minus = ph & xv;
    if (errors < fewest) fewest = errors;
  }
  return fewest;
}

/**
 * A scorer for one pattern (1 to 32 characters), to apply to many forms: 1 for the whole form,
 * just under 1 for an exact match inside it, 0 when too far off. Pattern and forms already folded.
 */
export function similarityTo(pattern: string): (form: string) => number {
  const length = pattern.length;
  if (length === 0 || length > PATTERN_MAX) throw new RangeError(`similarityTo: the pattern must be 1 to ${PATTERN_MAX} characters, got ${length}`);
  const positions = new Map<number, number>();
  for (let i = 0; i < length; i++) {
    const code = pattern.charCodeAt(i);
    positions.set(code, (positions.get(code) ?? 0) | (1 << i));
  }
  const allowed = allowedErrors(length);
  return (form) => {
    if (form === pattern) return 1;
    const errors = fewestEdits(positions, length, form);
    return errors <= allowed ? 1 - Math.max(FLOOR, errors / length) : 0;
  };
}
