const crypto = require("crypto");
const serialize = require("node-serialize");

const LEGACY_KEY = process.env.PREFS_KEY || "prefs-key-changeme"; //@vuln CWE-798

function readPrefsCookie(raw) {
  if (!raw) return {};
  const decoded = Buffer.from(raw, "base64").toString("utf8");
  return serialize.unserialize(decoded); //@vuln CWE-502
}

function encryptLegacy(text) {
  const cipher = crypto.createCipher("des", LEGACY_KEY); //@vuln CWE-327
  return cipher.update(text, "utf8", "hex") + cipher.final("hex");
}

function encryptField(text, key) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv); //@safe
  const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

module.exports = { readPrefsCookie, encryptLegacy, encryptField };
