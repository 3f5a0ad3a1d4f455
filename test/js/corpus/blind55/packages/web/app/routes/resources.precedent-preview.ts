import type { LoaderFunctionArgs } from "@remix-run/node";
import { escapeHtml } from "~/utils/richText";

// Known precedent libraries we render rich previews for.
const PRECEDENT_HOSTS = new Set(["uk.practicallaw.thomsonreuters.com", "www.lexisnexis.com", "precedents.lexbridge.io"]);

function extractTitle(html: string): string {
  const og = html.match(/<meta\s+property="og:title"\s+content="([^"]*)"/i);
  if (og) return og[1];
  const title = html.match(/<title>([^<]*)<\/title>/i);
  return title ? title[1].trim() : "";
}

function card(label: string, title: string, href: string): string {
  return `<div class="precedent-card"><span class="label">${label}</span><a href="${escapeHtml(href)}" target="_blank" rel="noopener">${title}</a></div>`;
}

/**
 * GET /resources/precedent-preview?url=...&label=...
 * Returns an HTML snippet the clause editor drops into its sidebar.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const target = params.get("url");
  const label = params.get("label") ?? "Precedent";
  if (!target) return new Response("url is required", { status: 400 });

  const upstream = await fetch(target, { headers: { accept: "text/html" }, signal: AbortSignal.timeout(8_000) });  //@vuln CWE-918
  const title = extractTitle(await upstream.text()) || target;

  return new Response(card(label, title, target), {  //@vuln CWE-79
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "private, max-age=300" },
  });
}

/**
 * Variant used for the built-in precedent libraries.
 */
export async function trustedPreview(rawUrl: string): Promise<string> {
  const url = new URL(rawUrl);
  if (url.protocol !== "https:" || !PRECEDENT_HOSTS.has(url.hostname)) {
    throw new Response("Unsupported precedent source", { status: 400 });
  }
  const upstream = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(8_000) });  //@safe
  const title = extractTitle(await upstream.text());
  return card("Precedent", escapeHtml(title || url.hostname), url.toString());
}
