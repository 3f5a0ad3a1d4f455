"use server";

import path from "node:path";
import ejs from "ejs";
import nunjucks from "nunjucks";
import nodemailer from "nodemailer";
import { revalidatePath } from "next/cache";
import type { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db";
import { requireSession } from "@/lib/auth";
import { setByPath, type Plain } from "@/lib/objects";

const TEMPLATE_DIR = path.join(process.cwd(), "emails");

const OEMBED_PROVIDERS = new Map<string, string>([
  ["my.matterport.com", "https://my.matterport.com/api/v1/oembed"],
  ["www.youtube.com", "https://www.youtube.com/oembed"],
  ["kuula.co", "https://kuula.co/oembed"],
]);

const transport = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: 587,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASSWORD },
});

export async function saveSearch(formData: FormData) {
  const user = requireSession();
  const name = String(formData.get("name") ?? "My search");
  const criteria = String(formData.get("criteria") ?? "{}");
  const frequency = String(formData.get("frequency") ?? "daily");

  await prisma.$executeRawUnsafe(  //@vuln CWE-89
    `INSERT INTO saved_searches (user_id, name, criteria, alert_frequency) VALUES ('${user.sub}', '${name}', '${criteria}'::jsonb, '${frequency}')`,
  );
  revalidatePath("/account/searches");
}

export async function renameSavedSearch(id: string, name: string) {
  const user = requireSession();
  await prisma.$executeRaw`UPDATE saved_searches SET name = ${name.slice(0, 80)} WHERE id = ${id} AND user_id = ${user.sub}`;
  revalidatePath("/account/searches");
}

export async function contactAgent(formData: FormData) {
  const user = requireSession();
  const listingId = String(formData.get("listingId"));
  const message = String(formData.get("message") ?? "").slice(0, 2000);

  const listing = await prisma.listing.findUniqueOrThrow({
    where: { id: listingId },
    include: { agent: true },
  });

  const html = await ejs.renderFile(path.join(TEMPLATE_DIR, "inquiry.ejs"), { buyer: user.email, message, listing });  //@safe
  await transport.sendMail({
    from: "Homestead <no-reply@homestead.example>",
    to: listing.agent.email,
    replyTo: user.email,
    subject: `New inquiry: ${listing.title}`,
    html,
  });
  return { sent: true };
}

// Agents customise the auto-reply buyers receive after an inquiry; this powers the live preview.
export async function previewAutoReply(formData: FormData) {
  const agent = requireSession("agent");
  const template = String(formData.get("template") ?? "");
  const sample = { buyerName: "Jordan", listing: { title: "412 Maple Ave", price: 459000 } };
  return ejs.render(template, { agent, ...sample });  //@vuln CWE-1336
}

export async function renderNeighborhoodBlurb(formData: FormData) {
  requireSession("agent");
  const blurb = String(formData.get("blurb") ?? "");
  const city = String(formData.get("city") ?? "");
  const env = new nunjucks.Environment(null, { autoescape: true });
  return env.renderString(blurb, { city, schools: [], walkScore: 72 });  //@vuln CWE-1336
}

export async function updateListingField(listingId: string, fieldPath: string, value: unknown) {
  const user = requireSession("agent");
  const listing = await prisma.listing.findFirstOrThrow({ where: { id: listingId, agentId: user.sub } });
  const details = setByPath((listing.details ?? {}) as Plain, fieldPath, value);
  await prisma.listing.update({ where: { id: listing.id }, data: { details: details as Prisma.InputJsonValue } });
  revalidatePath(`/listings/${listingId}`);
}

export async function attachVirtualTour(listingId: string, tourUrl: string) {
  const user = requireSession("agent");
  const endpoint = OEMBED_PROVIDERS.get(new URL(tourUrl).hostname);
  if (!endpoint) throw new Error("Unsupported tour provider");

  const res = await fetch(`${endpoint}?url=${encodeURIComponent(tourUrl)}&format=json`);  //@safe
  if (!res.ok) throw new Error(`oEmbed lookup failed (${res.status})`);
  const embed = (await res.json()) as { html?: string; thumbnail_url?: string; title?: string };

  await prisma.listing.updateMany({
    where: { id: listingId, agentId: user.sub },
    data: { tourUrl, tourThumbnail: embed.thumbnail_url ?? null },
  });
  revalidatePath(`/listings/${listingId}`);
}

// "Import from another site": agent pastes a listing JSON feed URL from their brokerage CMS.
export async function importListingFromUrl(formData: FormData) {
  const user = requireSession("agent");
  const sourceUrl = String(formData.get("sourceUrl"));

  const res = await fetch(sourceUrl, { headers: { accept: "application/json" }, cache: "no-store" });  //@vuln CWE-918
  const data = (await res.json()) as { title?: string; price?: number; city?: string; description?: string };

  const created = await prisma.listing.create({
    data: {
      agentId: user.sub,
      title: String(data.title ?? "Imported listing").slice(0, 140),
      price: Number(data.price) || 0,
      city: String(data.city ?? ""),
      status: "draft",
      details: { importedFrom: sourceUrl, description: data.description ?? "" },
    },
  });
  revalidatePath("/agent/listings");
  return { id: created.id };
}
