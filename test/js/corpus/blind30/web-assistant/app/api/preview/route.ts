import { NextRequest, NextResponse } from "next/server";
import * as cheerio from "cheerio";
import { getSession } from "@/lib/auth";

// Link-preview cards rendered in an <iframe> under chat messages that contain URLs.

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

async function scrapeMeta(url: string) {
  const res = await fetch(url, { headers: { Accept: "text/html" }, signal: AbortSignal.timeout(5000) }); //@vuln CWE-918
  const $ = cheerio.load(await res.text());
  return {
    title: $('meta[property="og:title"]').attr("content") ?? $("title").text() ?? url,
    description: $('meta[property="og:description"]').attr("content") ?? "",
    image: $('meta[property="og:image"]').attr("content") ?? "",
  };
}

export async function GET(req: NextRequest) {
  if (!(await getSession())) return new NextResponse("Unauthorized", { status: 401 });

  const url = req.nextUrl.searchParams.get("url");
  if (!url || !/^https?:\/\//.test(url)) return new NextResponse("Bad url", { status: 400 });

  const meta = await scrapeMeta(url);
  const theme = req.nextUrl.searchParams.get("theme") === "dark" ? "dark" : "light";

  const html = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="stylesheet" href="/preview-${theme}.css"></head>
<body>
  <a class="card" href="${escapeHtml(url)}" target="_blank" rel="noopener">
    <h3>${meta.title}</h3>
    <p>${escapeHtml(meta.description)}</p>
  </a>
</body></html>`;

  return new NextResponse(html, { headers: { "Content-Type": "text/html; charset=utf-8" } }); //@vuln CWE-79
}

// JSON variant used by the mobile app; the client renders it natively.
export async function POST(req: NextRequest) {
  if (!(await getSession())) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const { url } = (await req.json()) as { url: string };
  const target = new URL(url);
  if (target.hostname !== "acme-corp.com" && !target.hostname.endsWith(".acme-corp.com")) {
    return NextResponse.json({ error: "external previews are HTML-only" }, { status: 400 });
  }
  const res = await fetch(target, { redirect: "manual", signal: AbortSignal.timeout(5000) }); //@safe
  const $ = cheerio.load(await res.text());
  return NextResponse.json({ title: $("title").text(), status: res.status });
}
