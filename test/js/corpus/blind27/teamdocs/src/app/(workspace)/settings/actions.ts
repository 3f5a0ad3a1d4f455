"use server";

import { randomBytes } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { auth } from "@/auth";
import { db, logAudit, memberByEmail } from "@/lib/queries";
import { integrations, invites } from "@/db/schema";
import { sendInvite } from "@/lib/mail";

async function requireMember() {
  const session = await auth();
  if (!session?.user?.workspaceId) throw new Error("unauthorized");
  return session.user as { id: string; name?: string | null; workspaceId: string; workspaceName: string; role: string };
}

const inviteSchema = z.object({
  email: z.string().min(3).max(254),
  message: z.string().max(2000).optional(),
});

export async function inviteMember(formData: FormData) {
  const user = await requireMember();
  const { email, message } = inviteSchema.parse(Object.fromEntries(formData));
  const existing = await memberByEmail(user.workspaceId, email);
  if (existing.length) return { error: "That person is already a member." };

  const token = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); //@vuln CWE-338
  await db.insert(invites).values({ email, token, workspaceId: user.workspaceId, invitedBy: user.id, expiresAt: new Date(Date.now() + 7 * 86_400_000) });
  await sendInvite({ to: email, inviterName: user.name ?? "A teammate", workspaceName: user.workspaceName, message: message ?? "", token });
  await logAudit(user.workspaceId, user.id, "member.invite", { email });
  revalidatePath("/settings/members");
  return { ok: true };
}

// "Send test event" button next to a custom outgoing webhook.
export async function testWebhook(formData: FormData) {
  const user = await requireMember();
  const url = String(formData.get("url") ?? "");
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "ping", workspaceId: user.workspaceId, sentAt: new Date().toISOString() }) }); //@vuln CWE-918
  const text = await res.text();
  return { status: res.status, preview: text.slice(0, 500) };
}

export async function connectSlack(formData: FormData) {
  const user = await requireMember();
  const url = new URL(String(formData.get("webhookUrl") ?? ""));
  if (url.protocol !== "https:" || url.hostname !== "hooks.slack.com" || !url.pathname.startsWith("/services/")) {
    return { error: "Only Slack incoming webhook URLs are supported." };
  }
  const res = await fetch(url, { method: "POST", body: JSON.stringify({ text: "TeamDocs is connected :tada:" }), redirect: "manual" }); //@safe
  if (!res.ok) return { error: `Slack returned ${res.status}` };
  const signingSecret = randomBytes(24).toString("hex");
  await db.insert(integrations).values({ workspaceId: user.workspaceId, kind: "slack", url: url.toString(), signingSecret });
  revalidatePath("/settings/integrations");
  return { ok: true };
}
