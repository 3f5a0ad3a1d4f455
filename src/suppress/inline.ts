/**
 * Inline suppressions: a marker on the line of a finding silences it.
 * `mso:allow` (optionally followed by a reason) works for every scanner;
 * scanners may add their own (the Python scanner honours bandit's `# nosec`).
 */
export const ALLOW_MARKER = 'mso:allow';

export function suppressionMarker(lineText: string, extraMarkers: readonly string[] = []): string | undefined {
  if (lineText.includes(ALLOW_MARKER)) return ALLOW_MARKER;
  for (const m of extraMarkers) if (lineText.includes(m)) return m;
  return undefined;
}
