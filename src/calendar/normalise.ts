/**
 * Source texts come from PDFs: words broken over lines, runs of spaces, misread letters.
 * Quotes in a calendar are compared with the source after both are normalised the same way;
 * the misread letters are repaired by a table kept in the calendar (`document.repairs`), never here.
 */

/** One documented OCR repair: every `read` in the source text stands for `as`. */
export interface Repair {
  read: string;
  as: string;
}

/** A source text normalised for matching, with the source line of every character. */
export interface NormalisedSource {
  text: string;
  /** 1-based line in the original file of each character of `text`. */
  lineOf: Int32Array;
  /** Offsets in `text` where a paragraph ends (a blank line or a bulleted line followed in the source). */
  breaks: Set<number>;
  /** Offsets in `text` where a source line starts. */
  lineStarts: Map<number, number>;
}

/** Whitespace collapsed, Unicode composed, curly apostrophes kept (both sides use the same). */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/-[ \t]*\r?\n[ \t]*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

export function applyRepairs(line: string, repairs: readonly Repair[]): string {
  let repaired = line;
  for (const repair of repairs) repaired = repaired.split(repair.read).join(repair.as);
  return repaired;
}

/**
 * Joins the PDF's lines into one running text: a line break becomes a space, except after a hyphen
 * at the end of a line (`niet- \nloondienst` → `niet-loondienst`); blank lines become paragraph breaks.
 * `bullets` are the characters the PDF text shows for a list bullet at the start of a line (`e`, `¢`, `o`).
 */
export function normaliseSource(
  raw: string,
  repairs: readonly Repair[] = [],
  bullets: readonly string[] = [],
): NormalisedSource {
  const lines = raw.normalize('NFC').split(/\r?\n/);
  // Parts joined once at the end: testing the end of a growing string would flatten it on every line.
  const parts: string[] = [];
  let length = 0;
  let lastChar = '';
  const lineNumbers: number[] = [];
  const breaks = new Set<number>();
  const lineStarts = new Map<number, number>();
  let pendingBreak = false;
  lines.forEach((rawLine, index) => {
    let line = applyRepairs(rawLine, repairs).replace(/\s+/g, ' ').trim();
    const bullet = bullets.find((marker) => line.startsWith(`${marker} `));
    if (bullet !== undefined) {
      // A list item: the marker goes, and the item starts a sentence of its own.
      line = line.slice(bullet.length + 1);
      pendingBreak = length > 0;
    }
    if (line === '') {
      pendingBreak = length > 0;
      return;
    }
    if (length > 0) {
      if (pendingBreak) breaks.add(length);
      if (lastChar !== '-' || pendingBreak) {
        parts.push(' ');
        length += 1;
        lineNumbers.push(index + 1);
      }
    }
    pendingBreak = false;
    lineStarts.set(length, index + 1);
    parts.push(line);
    length += line.length;
    lastChar = line[line.length - 1];
    for (let i = 0; i < line.length; i++) lineNumbers.push(index + 1);
  });
  const text = parts.join('');
  return { text, lineOf: Int32Array.from(lineNumbers), breaks, lineStarts };
}

/** Where a quote is found in a normalised source: one span per fragment (quotes elide with `...` or `…`). */
export interface QuoteMatch {
  spans: { start: number; end: number }[];
}

export const ELLIPSIS = /\.\.\.|…/;

/**
 * Each fragment of the quote, in order, in the source text, or the fragment that is not found.
 * Where the quote occurs more than once, the first occurrence `prefer` accepts (its section) is taken.
 */
export function locateQuote(
  source: NormalisedSource,
  quote: string,
  prefer: (offset: number) => boolean = () => true,
): QuoteMatch | { missing: string } {
  const fragments = quote
    .split(ELLIPSIS)
    .map((fragment) => normaliseText(fragment))
    .filter((fragment) => fragment.length > 0);
  if (fragments.length === 0) return { missing: quote };
  let firstFrom = 0;
  let lastMissing = fragments[0];
  let fallback: QuoteMatch | undefined;
  for (;;) {
    const firstAt = source.text.indexOf(fragments[0], firstFrom);
    if (firstAt < 0) return fallback ?? { missing: lastMissing };
    const spans = [{ start: firstAt, end: firstAt + fragments[0].length }];
    let from = spans[0].end;
    for (const fragment of fragments.slice(1)) {
      const at = source.text.indexOf(fragment, from);
      if (at < 0) {
        lastMissing = fragment;
        break;
      }
      spans.push({ start: at, end: at + fragment.length });
      from = at + fragment.length;
    }
    if (spans.length === fragments.length) {
      if (prefer(firstAt)) return { spans };
      fallback ??= { spans };
    }
    firstFrom = firstAt + 1;
  }
}
