import { join } from 'node:path';
import { readRuleFiles } from '../../src/config/rule-files.js';
import { fold, foldTable, foldText, KeywordMatcher, type MatcherMode } from '../../src/scanners/secrets/keyword-matcher.js';
import { createPythonScanner } from '../../src/scanners/python/index.js';
import { createJsScanner } from '../../src/scanners/js/index.js';
import type { TaintScanner } from '../../src/scanners/taint/scanner.js';
import { builtinDetector, rng } from './helpers.js';
import { SecretDetector } from '../../src/scanners/secrets/detector.js';
import type { CompiledSecretRule } from '../../src/scanners/secrets/compile.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { automatonKey, builtinAutomaton, decodeAutomaton, encodeAutomaton } from '../../src/scanners/secrets/automaton-file.js';

// The matcher answers short texts with one indexOf pass per keyword and builds its automaton only
// for long texts (or many): both ways must give the same hits, in the same order, for every
// keyword list mso builds one from.


/** Characters whose case mappings are irregular: Kelvin sign, long s, dotless and dotted i, sharp s, sigmas, micro, ligatures, ÿ. */
const TRICKY = ['\u212A', 'ſ', 'ı', 'İ', 'ß', 'ẞ', 'σ', 'ς', 'Σ', 'µ', 'Μ', 'ﬀ', 'ŉ', 'ÿ', 'Ÿ', 'ǅ', 'ǆ', 'Ǆ', 'ͅ', 'ι', '\uD801', '\uDC28', '\uD801\uDC28', '😀', 'é', 'É'];
const SEPARATORS = [' ', '_', '-', '.', '=', '"', "'", '\n', '(', ')', '$', '/', ':', '0', '9'];

/** Random text: keywords with random case changes, their characters, separators and tricky characters. */
function randomText(r: ReturnType<typeof rng>, keywords: readonly string[], length: number): string {
  const chars = [...new Set(keywords.join(''))];
  const parts: string[] = [];
  let n = 0;
  while (n < length) {
    const k = r.int(10);
    let part: string;
    if (k < 4) {
      part = [...r.pick(keywords)].map((c) => (r.int(2) ? c.toUpperCase() : c.toLowerCase())).join('');
      if (r.int(3) === 0) part = part.slice(0, -1 - r.int(3)); // a keyword cut short
    } else if (k < 7) part = r.pick(chars);
    else if (k < 9) part = r.pick(SEPARATORS);
    else part = r.pick(TRICKY);
    parts.push(part);
    n += part.length;
  }
  return parts.join('');
}

const hitsOf = (m: KeywordMatcher, text: string, from?: number, to?: number) => {
  const h = from === undefined ? m.hits(text) : m.hits(text, from, to);
  return { count: h.count, starts: Array.from(h.starts.subarray(0, h.count)), keywords: Array.from(h.keywords.subarray(0, h.count)) };
};

function expectSameHits(keywords: readonly string[], seed: number, texts: number, length: number) {
  const r = rng(seed);
  const byIndexOf = new KeywordMatcher(keywords, 'indexOf');
  const byAutomaton = new KeywordMatcher(keywords, 'automaton');
  let total = 0;
  for (let i = 0; i < texts; i++) {
    const text = randomText(r, keywords, 1 + r.int(length));
    const a = hitsOf(byAutomaton, text);
    expect({ seed, i, ...hitsOf(byIndexOf, text) }).toEqual({ seed, i, ...a });
    total += a.count;
    // A range of the text: the matcher starts afresh at `from`.
    const from = r.int(text.length + 1);
    const to = from + r.int(text.length - from + 1);
    expect({ seed, i, from, to, ...hitsOf(byIndexOf, text, from, to) }).toEqual({ seed, i, from, to, ...hitsOf(byAutomaton, text, from, to) });
  }
  expect(total).toBeGreaterThan(texts); // the texts do hold keywords
}

async function taintGateWords(scanner: Promise<unknown>): Promise<string[]> {
  const s = (await scanner) as TaintScanner;
  return (s.gate as unknown as { words: Array<{ text: string }> }).words.map((w) => w.text.toLowerCase());
}

describe('keyword matcher: indexOf pass == automaton', () => {
  const files = (scanners: string[]) => readRuleFiles(join(REPO_ROOT, 'rules'), scanners, ['secrets', 'python', 'js'], false);

  test('the secret rules keywords and window literals', async () => {
    const detector = (await builtinDetector()) as unknown as { matcher: KeywordMatcher; windowSetup(): KeywordMatcher };
    const keywords = detector.matcher.keywords;
    expect(keywords.length).toBeGreaterThan(50);
    expectSameHits(keywords, 1, 300, 2000);
    const windowKeywords = detector.windowSetup()!.keywords;
    expect(windowKeywords.length).toBeGreaterThan(keywords.length);
    expectSameHits(windowKeywords, 2, 300, 2000);
  });

  test("the code scanners' gate words (Python and JavaScript)", async () => {
    const py = await taintGateWords(createPythonScanner(files(['python'])));
    const js = await taintGateWords(createJsScanner(files(['js'])));
    expect(py.length).toBeGreaterThan(100);
    expectSameHits(py, 3, 200, 3000);
    expectSameHits(js, 4, 200, 3000);
  });

  test('keywords with non-ASCII characters, duplicates, nested and empty keywords', () => {
    const keywords = ['straße', 'STRASSE', 'σίσυφος', 'ΣΊΣΥΦΟΣ', 'ſecret', 'secret', 'key', '\u212Aey', 'ǆ', 'ǅ', 'µs', 'ıd', 'id', 'İd', '𐐨x', 'pass', 'passw', '_password', 'word', 'ord', 'key', '', 'é', 'É', 'ÿ'];
    for (let seed = 10; seed < 20; seed++) expectSameHits(keywords, seed, 100, 500);
  });

  test('hits come in the automaton order: by end, longest first, equal keywords by id', () => {
    const keywords = ['word', 'ord', 'WORD', 'passWORD', 'rd'];
    for (const mode of ['indexOf', 'automaton'] as MatcherMode[]) {
      const m = new KeywordMatcher(keywords, mode);
      expect(hitsOf(m, 'a password')).toEqual({ count: 5, starts: [2, 6, 6, 7, 8], keywords: [3, 0, 2, 1, 4] });
    }
  });

  test('by default a short text is matched without the automaton, a long one builds it, with the same hits', () => {
    const keywords = ['token', 'secret', 'password', 'key', ...Array.from({ length: 60 }, (_, i) => `word${i}`)];
    const m = new KeywordMatcher(keywords);
    const short = 'my_token = secret; KEY';
    const built = () => (m as unknown as { built: boolean }).built;
    const expected = (t: string) => hitsOf(new KeywordMatcher(keywords, 'automaton'), t);
    expect(hitsOf(m, short)).toEqual(expected(short));
    expect(built()).toBe(false);
    const long = randomText(rng(5), keywords, 400_000); // 64 keywords x 400k characters: past the indexOf budget
    expect(hitsOf(m, long)).toEqual(expected(long));
    expect(built()).toBe(true);
    expect(hitsOf(m, short)).toEqual(expected(short));
  });

  test('too many distinct keyword characters is an error when the matcher is made, not on its first long text', () => {
    const keywords = Array.from({ length: 300 }, (_, i) => String.fromCharCode(0x4e00 + i));
    expect(() => new KeywordMatcher(keywords)).toThrow(/more than 255 distinct keyword characters/);
  });
});

/** What `expectSameHits` does, for a matcher that loaded its tables against one that built its own. */
function expectLoadedSameHits(keywords: readonly string[], loaded: KeywordMatcher, seed: number, texts: number, length: number) {
  const r = rng(seed);
  const built = new KeywordMatcher(keywords, 'automaton');
  for (let i = 0; i < texts; i++) {
    const text = randomText(r, keywords, 1 + r.int(length)) + (i % 3 ? '' : r.pick(TRICKY));
    expect({ seed, i, ...hitsOf(loaded, text) }).toEqual({ seed, i, ...hitsOf(built, text) });
    const from = r.int(text.length + 1);
    const to = from + r.int(text.length - from + 1);
    expect({ seed, i, from, to, ...hitsOf(loaded, text, from, to) }).toEqual({ seed, i, from, to, ...hitsOf(built, text, from, to) });
  }
  expect((loaded as unknown as { source: string }).source).toBe('prebuilt');
}

describe("keyword matcher: the build's automata == automata built here", () => {
  const files = (scanners: string[]) => readRuleFiles(join(REPO_ROOT, 'rules'), scanners, ['secrets', 'python', 'js'], false);

  test('each built-in keyword list loads from dist/ (npm test builds first) and matches as a built one, non-ASCII text included', async () => {
    const detector = (await builtinDetector()) as unknown as { keywordLists(): string[][] };
    const gate = async (s: Promise<unknown>) => ((await s) as TaintScanner).gate as unknown as { matcherKeywords(): string[] };
    const lists = [...detector.keywordLists(), (await gate(createPythonScanner(files(['python'])))).matcherKeywords(), (await gate(createJsScanner(files(['js'])))).matcherKeywords()];
    expect(lists.length).toBe(4);
    lists.forEach((keywords, n) => {
      const tables = builtinAutomaton(keywords);
      expect({ n, loaded: tables !== undefined }).toEqual({ n, loaded: true });
      expectLoadedSameHits(keywords, KeywordMatcher.withTables(keywords, tables!)!, 30 + n, 150, 3000);
    });
  });

  test('tables written and read back (non-ASCII keywords: the class table is rebuilt from the fold) match as built ones', () => {
    const keywords = ['straße', 'STRASSE', 'σίσυφος', 'ΣΊΣΥΦΟΣ', 'ſecret', 'secret', 'key', '\u212Aey', 'ǆ', 'µs', 'ıd', 'İd', '𐐨x', 'pass', '_password', 'ord', 'key', '', 'é', 'ÿ'];
    const key = automatonKey(keywords);
    const bytes = encodeAutomaton(new KeywordMatcher(keywords, 'automaton').tables(), key, 'b1');
    const tables = decodeAutomaton(bytes, key, 'b1')!;
    expect(tables).toBeDefined();
    for (let seed = 40; seed < 45; seed++) expectLoadedSameHits(keywords, KeywordMatcher.withTables(keywords, tables)!, seed, 100, 500);
  });

  test('by default a matcher loads the automaton for a text long enough, and computes its own when there is none', () => {
    const keywords = ['token', 'secret', 'password', 'key', ...Array.from({ length: 60 }, (_, i) => `word${i}`)];
    const tables = new KeywordMatcher(keywords, 'automaton').tables();
    const asked: number[] = [];
    const m = new KeywordMatcher(keywords, 'auto', (k) => (asked.push(k.length), tables));
    const state = () => (m as unknown as { source?: string }).source;
    const short = 'my_token = secret; KEY';
    hitsOf(m, short);
    expect([asked.length, state()]).toEqual([0, undefined]); // a short text: indexOf, nothing read
    const long = randomText(rng(6), keywords, 60_000); // 64 keywords x 60k characters: worth the automaton
    expect(hitsOf(m, long)).toEqual(hitsOf(new KeywordMatcher(keywords, 'automaton'), long));
    expect([asked, state()]).toEqual([[keywords.length], 'prebuilt']);

    // None for these keywords (a user's rules), or a source that throws: indexOf, then its own automaton, asked once.
    for (const source of [() => undefined, () => { throw new Error('unreadable'); }]) {
      let calls = 0;
      const own = new KeywordMatcher(keywords, 'auto', () => (calls++, source()));
      expect(hitsOf(own, long)).toEqual(hitsOf(new KeywordMatcher(keywords, 'automaton'), long));
      expect((own as unknown as { source?: string }).source).toBeUndefined();
      const longer = randomText(rng(7), keywords, 400_000);
      expect(hitsOf(own, longer)).toEqual(hitsOf(new KeywordMatcher(keywords, 'automaton'), longer));
      expect([calls, (own as unknown as { source?: string }).source]).toEqual([1, 'built']);
    }
  });

  test('tables that do not fit the keyword list are not used', () => {
    const keywords = ['alpha', 'beta', 'gamma'];
    const good = new KeywordMatcher(keywords, 'automaton').tables();
    const other = new KeywordMatcher(['alpha', 'beta'], 'automaton').tables();
    const bad = [
      { ...good, outIds: Int32Array.from(good.outIds, (x) => x + 3) }, // keyword ids past the list
      { ...good, delta: good.delta.subarray(1) }, // not states x width
      { ...good, firstEmitting: 0 },
      { ...good, outStart: good.outStart.subarray(1) },
    ];
    for (const t of bad) expect(KeywordMatcher.withTables(keywords, t)).toBeUndefined();
    // Another list's tables fit their own shape only: the file's key is what ties tables to a list.
    expect(KeywordMatcher.withTables(['alpha', 'beta'], other)).toBeDefined();
    const text = 'x'.repeat(6_000_000) + 'gamma beta'; // past the indexOf budget: an automaton either way
    const m = new KeywordMatcher(keywords, 'auto', () => bad[0]);
    expect(hitsOf(m, text)).toEqual(hitsOf(new KeywordMatcher(keywords, 'automaton'), text));
    expect((m as unknown as { source?: string }).source).toBe('built');
  });
});

describe('case folding tables', () => {
  test('foldTable gives fold() of every UTF-16 code unit', () => {
    const table = foldTable();
    const wrong: number[] = [];
    for (let c = 0; c < 65536; c++) if (table[c] !== fold(c)) wrong.push(c);
    expect(wrong).toEqual([]);
  });

  test('foldText folds unit by unit, keeping the length', () => {
    const r = rng(7);
    for (let i = 0; i < 200; i++) {
      const text = randomText(r, ['abc', 'xyz'], 1 + r.int(200)) + (i % 2 ? '' : TRICKY.join(''));
      const expected = Array.from({ length: text.length }, (_, j) => String.fromCharCode(fold(text.charCodeAt(j)))).join('');
      expect(foldText(text)).toBe(expected);
    }
  });
});

/** What each keyword wakes, by the definition: its own rules, then those of the keywords inside it, longest first. */
function expectedWakes(declared: readonly string[], byKeyword: unknown[][]): unknown[][] {
  const byLength = declared.map((_, i) => i).sort((a, b) => declared[b]!.length - declared[a]!.length);
  return declared.map((kw, i) => [...new Set([...byKeyword[i]!, ...byLength.filter((j) => j !== i && kw.includes(declared[j]!)).flatMap((j) => byKeyword[j]!)])]);
}

describe('secret detector set-up', () => {
  test('wake lists of random keyword sets (nested, repeated inside, separators, empty) follow the definition', () => {
    const r = rng(99);
    for (let round = 0; round < 200; round++) {
      const rules = Array.from({ length: 1 + r.int(12) }, (_, i) => ({
        id: `r${i}`,
        keywords: Array.from({ length: r.int(4) }, () => Array.from({ length: r.int(5) }, () => r.pick(['a', 'b', 'ab', '\n', 'a\nb'])).join('')),
        regex: /x/g,
      })) as unknown as CompiledSecretRule[];
      const d = new SecretDetector(rules, { tests: [], stopwords: [] }) as unknown as { byKeyword: unknown[][]; wakes: unknown[][] };
      const declared = [...new Set(rules.flatMap((x) => x.keywords))];
      expect({ round, wakes: d.wakes }).toEqual({ round, wakes: expectedWakes(declared, d.byKeyword) });
    }
  });

  test("each keyword wakes its own rules, then those of the keywords inside it, longest first (the reference's order)", async () => {
    const detector = (await builtinDetector()) as unknown as { matcher: KeywordMatcher; byKeyword: unknown[][]; wakes: unknown[][] };
    const declared = detector.matcher.keywords;
    // The definition, written as plainly as possible.
    const byLength = declared.map((_, i) => i).sort((a, b) => declared[b]!.length - declared[a]!.length);
    const expected = declared.map((kw, i) => [
      ...new Set([...detector.byKeyword[i]!, ...byLength.filter((j) => j !== i && kw.includes(declared[j]!)).flatMap((j) => detector.byKeyword[j]!)]),
    ]);
    expect(detector.wakes.length).toBe(declared.length);
    detector.wakes.forEach((w, i) => expect({ keyword: declared[i], wakes: w }).toEqual({ keyword: declared[i], wakes: expected[i] }));
    expect(detector.wakes.some((w, i) => w.length > detector.byKeyword[i]!.length)).toBe(true); // some keyword holds another
  });
});
