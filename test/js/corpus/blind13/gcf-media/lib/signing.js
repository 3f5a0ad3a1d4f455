const crypto = require("crypto");

const SIGNING_KEY = process.env.MEDIA_SIGNING_KEY || "";
const SHARE_KEY = Buffer.from(process.env.SHARE_KEY_HEX || "", "hex");

function legacySignature(filePath, expires) {
  return crypto.createHash("sha1").update(`${SIGNING_KEY}:${filePath}:${expires}`).digest("hex"); //@vuln CWE-327|CWE-328
}

function signature(filePath, expires) {
  return crypto.createHmac("sha256", SIGNING_KEY).update(`${filePath}:${expires}`).digest("hex"); //@safe
}

function verifySignature(filePath, expires, sig, legacy = false) {
  if (Number(expires) < Date.now() / 1000) return false;
  const expected = Buffer.from(legacy ? legacySignature(filePath, expires) : signature(filePath, expires));
  const given = Buffer.from(String(sig || ""));
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

function shareToken(assetId) {
  const cipher = crypto.createCipheriv("aes-128-ecb", SHARE_KEY.subarray(0, 16), null); //@vuln CWE-327
  return Buffer.concat([cipher.update(String(assetId), "utf8"), cipher.final()]).toString("base64url");
}

function sealShareToken(assetId) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", SHARE_KEY, iv); //@safe
  const data = Buffer.concat([cipher.update(String(assetId), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64url");
}

const publicLinkCode = () => Array.from({ length: 10 }, () => "abcdefghjkmnpqrstuvwxyz23456789"[Math.floor(Math.random() * 31)]).join(""); //@vuln CWE-338

module.exports = { verifySignature, signature, shareToken, sealShareToken, publicLinkCode };
