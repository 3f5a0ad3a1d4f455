// Link previews for pasted URLs (runs on the edge so previews are fast everywhere).
import { NextResponse, type NextRequest } from "next/server";

export const runtime = "edge";

const OEMBED_PROVIDERS = new Set(["www.youtube.com", "vimeo.com", "publish.twitter.com", "www.figma.com"]);
const META_PROPS = ["og:title", "og:description", "og:image", "twitter:card"] as const;

function metaContent(html: string, prop: (typeof META_PROPS)[number]): string | undefined {
  const re = new RegExp(`<meta[^>]+(?:property|name)=["']${prop}["'][^>]*content=["']([^"']*)["']`, "i"); //@safe
  return re.exec(html)?.[1];
}

export async function GET(req: NextRequest) {
  const target = req.nextUrl.searchParams.get("url");
  if (!target || !/^https?:\/\//i.test(target)) {
    return NextResponse.json({ error: "absolute http(s) url required" }, { status: 400 });
  }

  const page = await fetch(target, { headers: { "User-Agent": "JotterBot/1.2 (+https://jotter.app/bot)" }, redirect: "follow" }); //@vuln CWE-918
  const html = (await page.text()).slice(0, 500_000);

  const result: Record<string, unknown> = { url: page.url };
  for (const prop of META_PROPS) result[prop] = metaContent(html, prop);

  const oembedHref = /<link[^>]+type=["']application\/json\+oembed["'][^>]*href=["']([^"']+)["']/i.exec(html)?.[1];
  if (oembedHref) {
    const oembed = new URL(oembedHref, page.url);
    if (oembed.protocol === "https:" && OEMBED_PROVIDERS.has(oembed.hostname)) {
      result.embed = await fetch(oembed, { redirect: "error" }).then((r) => r.json()); //@safe
    }
  }

  // Used by the "find in page" box in the preview panel.
  const find = req.nextUrl.searchParams.get("find");
  if (find) {
    result.matches = (html.match(new RegExp(find, "gi")) ?? []).slice(0, 20); //@vuln CWE-1333
  }

  return NextResponse.json(result, { headers: { "Cache-Control": "s-maxage=3600, stale-while-revalidate" } });
}
