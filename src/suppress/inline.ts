/**
 * Inline suppressions: a marker on the line of a finding silences it.
 * `mso:allow` (optionally followed by a reason) works for every scanner;
 * scanners may add their own (the Python scanner honours bandit's `# nosec`).
 */
export const ALLOW_MARKER = 'mso:allow';
/** bandit's markers, which the Python scanner honours too. */
export const NOSEC_MARKERS: readonly string[] = ['# nosec', '#nosec'];

export function suppressionMarker(lineText: string, extraMarkers: readonly string[] = []): string | undefined {
  if (lineText.includes(ALLOW_MARKER)) return ALLOW_MARKER;
  for (const m of extraMarkers) if (lineText.includes(m)) return m;
  return undefined;
}

/** Whether the line of `text` that holds `offset` carries a suppression marker. */
export function suppressedAt(text: string, offset: number, extraMarkers: readonly string[] = []): boolean {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return suppressionMarker(text.slice(start, end < 0 ? text.length : end), extraMarkers) !== undefined;
}
