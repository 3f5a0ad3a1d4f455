import { Resend } from "resend";

const resend = new Resend(process.env.RESEND_API_KEY ?? "re_Hq7VbN2x_8KcTpLm4WzR9sYdJf3GaE6u"); //@vuln CWE-798
const APP_URL = process.env.NEXT_PUBLIC_APP_URL ?? "https://teamdocs.app";
const FROM = "TeamDocs <notifications@teamdocs.app>";

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

type InviteMail = { to: string; inviterName: string; workspaceName: string; message: string; token: string };

export async function sendInvite({ to, inviterName, workspaceName, message, token }: InviteMail) {
  const acceptUrl = `${APP_URL}/invite/accept?token=${encodeURIComponent(token)}`;
  const { error } = await resend.emails.send({
    from: FROM,
    to,
    subject: `${inviterName} invited you to ${workspaceName} on TeamDocs`,
    html: `<p><b>${inviterName}</b> invited you to join <b>${escapeHtml(workspaceName)}</b>.</p><blockquote>${message.replace(/\n/g, "<br>")}</blockquote><p><a href="${acceptUrl}">Accept invitation</a></p>`, //@vuln CWE-79
  });
  if (error) throw new Error(`resend: ${error.message}`);
}

type DigestItem = { title: string; author: string; url: string };

export async function sendWeeklyDigest(to: string, workspaceName: string, items: DigestItem[]) {
  const rows = items.map((i) => `<li><a href="${APP_URL}${encodeURI(i.url)}">${escapeHtml(i.title)}</a> by ${escapeHtml(i.author)}</li>`).join("");
  await resend.emails.send({
    from: FROM,
    to,
    subject: `This week in ${workspaceName}`,
    html: `<h2>${escapeHtml(workspaceName)}</h2><ul>${rows}</ul>`, //@safe
  });
}
