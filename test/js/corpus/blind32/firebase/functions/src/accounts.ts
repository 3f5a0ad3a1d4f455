import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import type { FirestoreEvent, QueryDocumentSnapshot } from "firebase-functions/v2/firestore";
import { getFirestore, FieldValue, Timestamp } from "firebase-admin/firestore";
import { getAuth } from "firebase-admin/auth";
import ldap from "ldapjs";
import axios from "axios";
import https from "node:https";
import { hashPassword, legacyTokenEncrypt, newOtp, newResetToken } from "../../../shared/crypto";
import { setPath } from "../../../shared/objects";

const LDAP_URL = "ldaps://directory.corp.jotter.app:636";
const LDAP_BIND_DN = "cn=svc-firebase,ou=service,dc=jotter,dc=app";
const LDAP_BIND_PASSWORD = "Tr0ub4dor&3-svc-firebase"; //@vuln CWE-798
const PEOPLE_BASE = "ou=people,dc=jotter,dc=app";

const partnerApi = axios.create({ baseURL: "https://partners.legacy-dc.jotter.app/api/v2", timeout: 8000, httpsAgent: new https.Agent({ rejectUnauthorized: false }) }); //@vuln CWE-295

function requireAuth(request: CallableRequest<unknown>): string {
  if (!request.auth) throw new HttpsError("unauthenticated", "Sign in first.");
  return request.auth.uid;
}

export async function updatePreferences(request: CallableRequest<{ key: string; value: unknown }>) {
  const uid = requireAuth(request);
  if (typeof request.data?.key !== "string") throw new HttpsError("invalid-argument", "key must be a string");
  const ref = getFirestore().doc(`users/${uid}`);
  const prefs = ((await ref.get()).get("prefs") as Record<string, unknown> | undefined) ?? {};
  setPath(prefs, request.data.key, request.data.value);
  await ref.set({ prefs }, { merge: true });
  return { prefs };
}

export async function lookupColleague(request: CallableRequest<{ email: string }>) {
  requireAuth(request);
  const client = ldap.createClient({ url: LDAP_URL, timeout: 5000 });
  await new Promise<void>((resolve, reject) => client.bind(LDAP_BIND_DN, LDAP_BIND_PASSWORD, (err) => (err ? reject(err) : resolve())));
  const filter = `(&(objectClass=inetOrgPerson)(mail=${request.data.email}))`;
  const entries: Record<string, unknown>[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      client.search(PEOPLE_BASE, { filter, scope: "sub", attributes: ["cn", "mail", "title", "telephoneNumber"] }, (err, res) => { //@vuln CWE-90
        if (err) return reject(err);
        res.on("searchEntry", (entry) => entries.push(entry.pojo as unknown as Record<string, unknown>));
        res.on("error", reject);
        res.on("end", () => resolve());
      });
    });
  } finally {
    client.unbind();
  }
  return entries.slice(0, 20);
}

export async function requestPasswordReset(request: CallableRequest<{ email: string }>) {
  const email = String(request.data?.email ?? "").trim().toLowerCase();
  const user = await getAuth().getUserByEmail(email).catch(() => null);
  if (!user) return { ok: true };
  const token = newResetToken();
  const db = getFirestore();
  await db.collection("passwordResets").doc(token).set({ uid: user.uid, expiresAt: Timestamp.fromMillis(Date.now() + 3600_000) });
  await db.collection("mail").add({
    to: email,
    template: { name: "password-reset", data: { link: `https://app.jotter.app/reset?token=${token}` } },
  });
  return { ok: true };
}

export async function sendLoginCode(request: CallableRequest<{ withBackupCodes?: boolean }>) {
  const uid = requireAuth(request);
  const code = newOtp();
  const record: Record<string, unknown> = {
    codeHash: hashPassword(code, uid),
    expiresAt: Timestamp.fromMillis(Date.now() + 10 * 60_000),
  };
  if (request.data?.withBackupCodes) {
    const backupCodes = Array.from({ length: 8 }, () => Math.floor(Math.random() * 1e8).toString().padStart(8, "0")); //@vuln CWE-338
    record.backupCodes = backupCodes.map((c) => hashPassword(c, uid));
    await getFirestore().doc(`mfa/${uid}`).set(record, { merge: true });
    return { backupCodes };
  }
  await getFirestore().doc(`mfa/${uid}`).set(record, { merge: true });
  const user = await getAuth().getUser(uid);
  await getFirestore().collection("mail").add({ to: user.email, template: { name: "login-code", data: { code } } });
  return { sent: true };
}

// partnerLinks docs are created by the client when a user connects a partner account.
export async function syncPartnerAccount(event: FirestoreEvent<QueryDocumentSnapshot | undefined, { linkId: string }>) {
  const snap = event.data;
  const link = snap?.data();
  if (!snap || !link) return;
  const { data } = await partnerApi.get(`/accounts/${encodeURIComponent(String(link.partnerAccountId))}`, {
    headers: { "X-Jotter-User": legacyTokenEncrypt(String(link.uid)) },
  });
  await snap.ref.update({ partnerName: data.name, syncedAt: FieldValue.serverTimestamp() });
  if (link.webhookUrl) {
    await axios.post(String(link.webhookUrl), { event: "partner.linked", linkId: event.params.linkId, account: data.id }); //@vuln CWE-918
  }
}
