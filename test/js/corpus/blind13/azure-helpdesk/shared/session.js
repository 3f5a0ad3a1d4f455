const jwt = require("jsonwebtoken");
const crypto = require("crypto");

const SESSION_SECRET = process.env.SESSION_SECRET;

function parseCookies(header = "") {
  return Object.fromEntries(
    header
      .split(";")
      .map((part) => part.trim().split("="))
      .filter(([name]) => name)
      .map(([name, ...rest]) => [name, decodeURIComponent(rest.join("="))])
  );
}

async function requireUser(context, req) {
  const token = parseCookies(req.headers.cookie).hd_session;
  try {
    const claims = jwt.verify(token, SESSION_SECRET, { algorithms: ["HS256", "none"] }); //@vuln CWE-347
    return { id: claims.sub, tenantId: claims.tenantId, role: claims.role };
  } catch (err) {
    context.res = { status: 401, body: { error: "unauthorized" } };
    return null;
  }
}

function startSession(context, user) {
  const token = jwt.sign({ sub: user.id, tenantId: user.tenant_id, role: user.role }, SESSION_SECRET, {
    algorithm: "HS256",
    expiresIn: "8h",
  });
  const deviceId = crypto.randomBytes(16).toString("hex");
  context.res.cookies = [
    { name: "hd_session", value: token, path: "/", httpOnly: false, sameSite: "Lax", maxAge: 8 * 3600 }, //@vuln CWE-614|CWE-1004
    { name: "hd_device", value: deviceId, path: "/", secure: true, httpOnly: true, sameSite: "Strict", maxAge: 90 * 86400 }, //@safe
  ];
}

module.exports = { requireUser, startSession, parseCookies };
