import { NextResponse, type NextRequest } from "next/server";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { MEDIA_HOSTS } from "@/lib/server";

export const runtime = "nodejs";

const INVOICE_DIR = process.env.INVOICE_DIR ?? "/var/harborline/invoices";
const VOUCHER_DIR = process.env.VOUCHER_DIR ?? "/var/harborline/vouchers";

function pdf(data: Buffer, filename: string) {
  return new NextResponse(data, {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${path.basename(filename)}"`,
    },
  });
}

export async function GET(req: NextRequest) {
  const { searchParams } = req.nextUrl;

  switch (searchParams.get("kind")) {
    // Listing photos supplied by partner hotels
    case "listing-image": {
      const src = searchParams.get("src") ?? "";
      const upstream = await fetch(src, { next: { revalidate: 3600 } });  //@vuln CWE-918
      return new NextResponse(upstream.body, {
        status: upstream.status,
        headers: { "content-type": upstream.headers.get("content-type") ?? "image/jpeg" },
      });
    }

    case "hotel-image": {
      const src = new URL(searchParams.get("src") ?? "", "https://images.harborline.com");
      if (src.protocol !== "https:" || !MEDIA_HOSTS.has(src.hostname)) {
        return NextResponse.json({ error: "Unsupported image host" }, { status: 400 });
      }
      const upstream = await fetch(src, { next: { revalidate: 86400 } });  //@safe
      return new NextResponse(upstream.body, {
        headers: { "content-type": upstream.headers.get("content-type") ?? "image/jpeg" },
      });
    }

    case "invoice": {
      const file = searchParams.get("file") ?? "";
      const data = await readFile(path.join(INVOICE_DIR, file));  //@vuln CWE-22
      return pdf(data, file);
    }

    case "voucher": {
      const name = path.basename(searchParams.get("name") ?? "");
      const data = await readFile(path.join(VOUCHER_DIR, name));  //@safe
      return pdf(data, name);
    }

    // Small HTML card embedded as an iframe on the "share your trip" page
    case "share-card": {
      const guest = searchParams.get("guest") ?? "A traveller";
      const hotel = searchParams.get("hotel") ?? "Harborline";
      const markup = `<!doctype html><html><body class="card"><p>${guest} is staying at <b>${hotel}</b></p></body></html>`;
      return new NextResponse(markup, { headers: { "content-type": "text/html; charset=utf-8" } });  //@vuln CWE-79
    }

    default:
      return NextResponse.json({ error: "Unknown media kind" }, { status: 400 });
  }
}
