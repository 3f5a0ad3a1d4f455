"use server";

import { kv } from "@vercel/kv";
import { revalidatePath } from "next/cache";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { deepMerge, mergeDefaults } from "@/lib/merge";

const DEFAULT_PREFS = {
  currency: "USD",
  newsletter: false,
  layout: { grid: true, density: "comfortable" },
};

async function currentUserKey() {
  const session = await getServerSession(authOptions);
  if (!session?.user?.email) throw new Error("Not signed in");
  return `prefs:${session.user.email}`;
}

export async function savePreferences(formData: FormData) {
  const key = await currentUserKey();
  const stored = (await kv.get<Record<string, unknown>>(key)) ?? structuredClone(DEFAULT_PREFS);
  const patch = JSON.parse(String(formData.get("prefs") ?? "{}"));
  const merged = deepMerge(stored, patch);
  await kv.set(key, merged);
  revalidatePath("/account");
}

export async function resetPreferences(formData: FormData) {
  const key = await currentUserKey();
  const keep = JSON.parse(String(formData.get("keep") ?? "{}"));
  const prefs = mergeDefaults(structuredClone(DEFAULT_PREFS), keep);
  await kv.set(key, prefs);
  revalidatePath("/account");
}
