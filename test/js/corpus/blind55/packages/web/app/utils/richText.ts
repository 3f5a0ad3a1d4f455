import DOMPurify from "isomorphic-dompurify";

const CLAUSE_TAGS = ["p", "strong", "em", "u", "ol", "ul", "li", "h3", "h4", "blockquote", "span", "br", "mark"];

export function escapeHtml(input: string): string {
  return input
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export function sanitizeClauseHtml(html: string): string {
  return DOMPurify.sanitize(html, { ALLOWED_TAGS: CLAUSE_TAGS, ALLOWED_ATTR: ["class", "data-field"] });
}

/**
 * Lightweight markup used in the clause editor's preview pane:
 *   **bold**, _italic_, [[Field Name]] merge fields and blank lines as paragraphs.
 */
export function renderClauseMarkup(source: string): string {
  return source
    .split(/\n{2,}/)
    .map((para) =>
      para
        .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
        .replace(/_(.+?)_/g, "<em>$1</em>")
        .replace(/\[\[([^\]]+)\]\]/g, '<span class="merge-field" data-field="$1">$1</span>'),
    )
    .map((para) => `<p>${para}</p>`)
    .join("");
}

export function highlightTerm(html: string, term: string | null): string {
  if (!term) return html;
  return html.split(term).join(`<mark>${term}</mark>`);
}

export function safeRedirect(to: FormDataEntryValue | string | null, fallback = "/contracts"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
