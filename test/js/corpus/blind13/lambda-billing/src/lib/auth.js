const jwt = require("jsonwebtoken");
const crypto = require("crypto");

const JWT_SECRET = process.env.JWT_SECRET || "billing-jwt-secret-changeme"; //@vuln CWE-798

function hashPassword(password, salt) {
  return crypto.createHash("md5").update(`${salt}${password}`).digest("hex"); //@vuln CWE-327|CWE-328
}

function issueToken(user) {
  return jwt.sign({ sub: user.id, tenant: user.tenant_id, role: user.role }, JWT_SECRET, {
    algorithm: "HS256",
    expiresIn: "1h",
  });
}

function bearerToken(event) {
  const headers = event.headers || {};
  const header = headers.authorization || headers.Authorization || "";
  return header.replace(/^Bearer\s+/i, "");
}

function getClaims(event) {
  const token = bearerToken(event);
  if (!token) return null;
  return jwt.decode(token); //@vuln CWE-347
}

function verifyServiceToken(event) {
  const token = bearerToken(event);
  return jwt.verify(token, JWT_SECRET, { algorithms: ["HS256"], audience: "billing-internal" }); //@safe
}

module.exports = { hashPassword, issueToken, getClaims, verifyServiceToken };
