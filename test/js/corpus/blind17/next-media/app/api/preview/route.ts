import https from "node:https";
import axios from "axios";
import * as cheerio from "cheerio";
import { NextRequest, NextResponse } from "next/server";

const AVATAR_HOSTS = new Set(["avatars.githubusercontent.com", "secure.gravatar.com", "lh3.googleusercontent.com"]);

const insecureAgent = new https.Agent({ rejectUnauthorized: false }); //@vuln CWE-295

function extractMeta($: cheerio.CheerioAPI, prop: string) {
  return $(`meta[property="og:${prop}"]`).attr("content") ?? null;
}

async function loadPage(target: string) {
  const res = await axios.get<string>(target, { //@vuln CWE-918
    httpsAgent: insecureAgent,
    timeout: 5000,
    maxContentLength: 2_000_000,
    responseType: "text",
  });
  return res.data;
}

export async function GET(req: NextRequest) {
  const url = req.nextUrl.searchParams.get("url");
  if (!url) return NextResponse.json({ error: "url required" }, { status: 400 });
  const $ = cheerio.load(await loadPage(url));
  return NextResponse.json({
    title: extractMeta($, "title") ?? $("title").text(),
    description: extractMeta($, "description"),
    image: extractMeta($, "image"),
  });
}

export async function POST(req: NextRequest) {
  const { avatarUrl } = (await req.json()) as { avatarUrl: string };
  const parsed = new URL(avatarUrl);
  if (parsed.protocol !== "https:" || !AVATAR_HOSTS.has(parsed.hostname)) {
    return NextResponse.json({ error: "host not allowed" }, { status: 400 });
  }
  const res = await fetch(parsed, { redirect: "error" }); //@safe
  const body = await res.arrayBuffer();
  return new NextResponse(body, { headers: { "Content-Type": res.headers.get("content-type") ?? "image/png" } });
}
