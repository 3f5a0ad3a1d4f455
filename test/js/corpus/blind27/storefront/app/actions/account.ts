"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { marked } from "marked";
import sanitizeHtml from "sanitize-html";
import { z } from "zod";
import { authOptions, generateApiToken, hashPassword } from "@/lib/auth";
import { prisma } from "@/lib/db";
import { importRemoteImage } from "@/lib/storage";

type SessionUser = { id: string; email: string; role: string; name?: string | null };

async function requireUser(): Promise<SessionUser> {
  const session = await getServerSession(authOptions);
  if (!session?.user) redirect("/login");
  return session.user as SessionUser;
}

export async function submitReview(productId: string, formData: FormData) {
  const user = await requireUser();
  const rating = Math.min(5, Math.max(1, Number(formData.get("rating")) || 5));
  const body = String(formData.get("body") ?? "").slice(0, 5000);
  const displayName = String(formData.get("displayName") || user.name || "Anonymous");
  const bodyHtml = await marked.parse(body);
  await prisma.$executeRawUnsafe(`INSERT INTO "Review" (id, "productId", "userId", rating, "bodyHtml", "authorName", "createdAt") VALUES (gen_random_uuid(), $1, $2, $3, $4, '${displayName}', now())`, productId, user.id, rating, bodyHtml); //@vuln CWE-89
  revalidatePath(`/products/[slug]`, "page");
}

export async function updateBio(formData: FormData) {
  const user = await requireUser();
  const raw = String(formData.get("bio") ?? "");
  const bioHtml = sanitizeHtml(raw, { allowedTags: ["b", "i", "em", "strong", "a", "p", "br"], allowedAttributes: { a: ["href"] }, allowedSchemes: ["https", "mailto"] });
  await prisma.user.update({ where: { id: user.id }, data: { bioHtml } });
  revalidatePath(`/u/${user.id}`);
}

function deepMerge(target: Record<string, any>, source: Record<string, any>) {
  for (const key of Object.keys(source)) {
    if (source[key] && typeof source[key] === "object" && !Array.isArray(source[key])) {
      if (!target[key] || typeof target[key] !== "object") target[key] = {};
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key]; //@vuln CWE-1321
    }
  }
  return target;
}

// Client sends the whole preferences blob as JSON from the settings drawer.
export async function savePreferences(formData: FormData) {
  const user = await requireUser();
  const incoming = JSON.parse(String(formData.get("prefs") ?? "{}"));
  const row = await prisma.user.findUnique({ where: { id: user.id }, select: { preferences: true } });
  const merged = deepMerge((row?.preferences as Record<string, any>) ?? {}, incoming);
  await prisma.user.update({ where: { id: user.id }, data: { preferences: merged } });
  revalidatePath("/account");
}

const registerSchema = z.object({
  email: z.string().email(),
  password: z.string().min(10).max(200),
  name: z.string().min(1).max(80),
});

export async function register(formData: FormData) {
  const data = registerSchema.parse(Object.fromEntries(formData));
  await prisma.user.create({ data: { email: data.email.toLowerCase(), name: data.name, passwordHash: hashPassword(data.password), role: "customer" } });
  redirect("/login?registered=1");
}

export async function createApiToken() {
  const user = await requireUser();
  const token = generateApiToken();
  await prisma.apiToken.create({ data: { userId: user.id, token, label: "default" } });
  return { token };
}

export async function finishOnboarding(formData: FormData) {
  const user = await requireUser();
  await prisma.user.update({ where: { id: user.id }, data: { onboarded: true, marketingOptIn: formData.get("marketing") === "on" } });
  const next = String(formData.get("next") || "/account");
  redirect(next); //@vuln CWE-601
}

export async function switchLocale(formData: FormData) {
  const back = String(formData.get("back") ?? "/");
  const target = back.startsWith("/") && !back.startsWith("//") && !back.startsWith("/\\") ? back : "/";
  const locale = ["en", "de", "fr"].includes(String(formData.get("locale"))) ? String(formData.get("locale")) : "en";
  redirect(`/${locale}${target}`); //@safe
}

// Admin: "Import image from URL" button on the product editor.
export async function importProductImage(productId: string, formData: FormData) {
  const user = await requireUser();
  if (user.role !== "admin") throw new Error("forbidden");
  const key = await importRemoteImage(String(formData.get("url")), productId);
  await prisma.product.update({ where: { id: productId }, data: { imageKey: key } });
  revalidatePath("/admin/products");
}
