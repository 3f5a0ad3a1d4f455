export interface Env {
  SHORTLINKS: KVNamespace;
  TILE_CACHE: R2Bucket;
  MAPTILER_KEY: string;
}

const TILE_UPSTREAM = "https://api.maptiler.com/maps/streets-v2";
const GEOCODER_TOKEN = "sk.eyJ1IjoiaG9tZXN0ZWFkIiwiYSI6ImNsb2c5cXh2MDAwMSJ9.Q2h4mX7pEwT9kLr0aZ1vBg";  //@vuln CWE-798
const APP_ORIGIN = "https://www.homestead.example";
const PARTNER_HOSTS = new Set(["www.zillow.com", "www.realtor.com", "www.redfin.com", "www.homestead.example"]);
const TILE_RE = /^\/tiles\/(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.(png|pbf)$/;

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    const { pathname, searchParams } = url;

    const tile = pathname.match(TILE_RE);
    if (tile) return serveTile(tile, env, ctx);

    // County GIS overlays (flood zones, school districts) requested by the map component.
    if (pathname === "/tiles/overlay") {
      const src = searchParams.get("src");
      if (!src) return new Response("missing src", { status: 400 });
      const upstream = await fetch(src, { cf: { cacheTtl: 86_400, cacheEverything: true } });  //@vuln CWE-918
      return new Response(upstream.body, {
        status: upstream.status,
        headers: {
          "content-type": upstream.headers.get("content-type") ?? "image/png",
          "cache-control": "public, max-age=86400",
          "access-control-allow-origin": "*",
        },
      });
    }

    if (pathname === "/geocode") {
      const q = (searchParams.get("q") ?? "").slice(0, 200);
      const res = await fetch(  //@safe
        `https://api.mapbox.com/geocoding/v5/mapbox.places/${encodeURIComponent(q)}.json?country=us&types=address&access_token=${GEOCODER_TOKEN}`,
      );
      return new Response(res.body, {
        status: res.status,
        headers: { "content-type": "application/json", "cache-control": "public, max-age=3600" },
      });
    }

    // Short links printed on yard signs: hs.link/s/8fk2
    if (pathname.startsWith("/s/")) {
      const target = await env.SHORTLINKS.get(pathname.slice(3));
      if (!target) return notFound(url);
      return Response.redirect(new URL(target, APP_ORIGIN).toString(), 302);
    }

    // Outbound click tracking from listing pages.
    if (pathname === "/out") {
      const dest = searchParams.get("u") ?? APP_ORIGIN;
      ctx.waitUntil(logClick(request, dest));
      return Response.redirect(dest, 302);  //@vuln CWE-601
    }

    if (pathname === "/partner") {
      let dest: URL;
      try {
        dest = new URL(searchParams.get("u") ?? APP_ORIGIN);
      } catch {
        return new Response("Bad partner link", { status: 400 });
      }
      if (dest.protocol !== "https:" || !PARTNER_HOSTS.has(dest.hostname)) {
        return new Response("Unknown partner", { status: 400 });
      }
      return Response.redirect(dest.toString(), 302);  //@safe
    }

    return notFound(url);
  },
};

async function serveTile(match: RegExpMatchArray, env: Env, ctx: ExecutionContext): Promise<Response> {
  const [, z, x, y, ext] = match;
  const key = `${z}/${x}/${y}.${ext}`;
  const contentType = ext === "png" ? "image/png" : "application/x-protobuf";

  const cached = await env.TILE_CACHE.get(key);
  if (cached) {
    return new Response(cached.body, { headers: { "content-type": contentType, "cache-control": "public, max-age=604800" } });
  }

  const upstream = await fetch(`${TILE_UPSTREAM}/${key}?key=${env.MAPTILER_KEY}`);  //@safe
  if (!upstream.ok) return new Response("tile unavailable", { status: upstream.status });
  const body = await upstream.arrayBuffer();
  ctx.waitUntil(env.TILE_CACHE.put(key, body, { httpMetadata: { contentType } }));
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "public, max-age=604800" } });
}

async function logClick(request: Request, dest: string): Promise<void> {
  console.log(JSON.stringify({ type: "outbound_click", dest, ref: request.headers.get("referer"), ts: Date.now() }));
}

function notFound(url: URL): Response {
  const from = url.searchParams.get("from");
  const html = `<!doctype html><html><body><h1>Page not found</h1><p>We couldn't find that page${from ? ` (you came from ${from})` : ""}.</p><a href="${APP_ORIGIN}">Back to search</a></body></html>`;
  return new Response(html, { status: 404, headers: { "content-type": "text/html; charset=utf-8" } });  //@vuln CWE-79
}
