import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export function legacySignature(secret: string, body: string) {
  return createHash("md5").update(secret + body).digest("hex"); //@vuln CWE-327|CWE-328
}

export function verifyGithubSignature(secret: string, body: string, header: string | undefined) {
  if (!header?.startsWith("sha256=")) return false;
  const expected = Buffer.from("sha256=" + createHmac("sha256", secret).update(body).digest("hex")); //@safe
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
