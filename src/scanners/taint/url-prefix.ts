/**
 * Whether a literal prefix a URL is checked to start with (`url.startswith(...)`, `url.startsWith(...)`) fixes where
 * the URL points: a scheme and a whole host (`https://api.example.com/`) or a path on this site (`/`, not `//`).
 * `https://` alone, or a host without the delimiter after it (`https://example.com` lets
 * `https://example.com.evil.test` through), does not.
 */
export function prefixFixesHost(prefix: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#\s]+[/?#]/.test(prefix) || /^\/(?![/\\])/.test(prefix);
}
