import { NextRequest, NextResponse } from "next/server";
import type { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db";
import { getSession } from "@/lib/auth";
import { agentViewStats, keywordSearch, listingsForAgent, searchListings } from "@/lib/listings-repo";
import { deepMerge } from "@/lib/objects";

const DEFAULT_LISTING = {
  status: "draft",
  title: "Untitled listing",
  price: 0,
  features: { parking: false, pool: false, petsAllowed: false, laundry: "none" },
  media: { photos: [] as string[], tourUrl: null as string | null },
  disclosures: { leadPaint: false, hoa: false },
};

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function toNumber(value: string | null): number | undefined {
  if (value === null || value === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export async function GET(req: NextRequest) {
  const sp = req.nextUrl.searchParams;
  const view = sp.get("view");
  const session = getSession();

  if (view === "mine" && session?.role === "agent") {
    return NextResponse.json(await listingsForAgent(session.sub, sp.get("sort") ?? undefined));
  }

  if (view === "stats" && session?.role === "agent") {
    const stats = await agentViewStats(session.sub, {
      from: sp.get("from") ?? "2024-01-01",
      to: sp.get("to") ?? new Date().toISOString().slice(0, 10),
    });
    return NextResponse.json(stats);
  }

  const q = sp.get("q")?.trim();
  const city = sp.get("city") ?? undefined;

  if (q) {
    const rows = await keywordSearch(q, city);
    const matcher = new RegExp(escapeRegExp(q), "gi");  //@safe
    return NextResponse.json(
      rows.map((row) => ({ ...row, matches: [...row.title.matchAll(matcher)].map((m) => m.index) })),
    );
  }

  let rows = await searchListings(
    {
      city,
      minPrice: toNumber(sp.get("min")),
      maxPrice: toNumber(sp.get("max")),
      beds: toNumber(sp.get("beds")),
      propertyType: sp.get("type") ?? undefined,
      sort: sp.get("sort") ?? undefined,
    },
    toNumber(sp.get("page")) ?? 1,
  );

  const streetPattern = sp.get("street");
  if (streetPattern) {
    const street = new RegExp(streetPattern, "i");  //@vuln CWE-1333
    rows = rows.filter((row) => street.test(row.title));
  }

  return NextResponse.json(rows, { headers: { "cache-control": "private, max-age=30" } });
}

export async function POST(req: NextRequest) {
  const session = getSession();
  if (!session || session.role === "buyer") {
    return NextResponse.json({ error: "forbidden" }, { status: 403 });
  }

  const body = (await req.json()) as Record<string, unknown>;
  const draft = deepMerge(structuredClone(DEFAULT_LISTING), body);

  const listing = await prisma.listing.create({
    data: {
      agentId: session.sub,
      title: String(draft.title).slice(0, 140),
      price: Number(draft.price) || 0,
      city: String((body.city as string | undefined) ?? ""),
      status: "draft",
      details: draft as unknown as Prisma.InputJsonValue,
    },
    select: { id: true, title: true, status: true },
  });

  return NextResponse.json(listing, { status: 201 });
}
