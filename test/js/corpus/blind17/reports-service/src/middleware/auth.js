const jwt = require("jsonwebtoken");
const config = require("../config");

function bearer(req) {
  const header = req.get("authorization") || "";
  return header.startsWith("Bearer ") ? header.slice(7) : req.cookies?.token;
}

function authenticate(req, res, next) {
  const token = bearer(req);
  if (!token) return res.status(401).json({ error: "missing token" });
  try {
    req.user = jwt.verify(token, config.jwtSecret, { algorithms: ["HS256"], issuer: "shop" }); //@safe
    return next();
  } catch (err) {
    return res.status(401).json({ error: "invalid token" });
  }
}

function serviceAuth(req, res, next) {
  const claims = jwt.decode(req.get("x-service-token") || ""); //@vuln CWE-347
  if (!claims || claims.aud !== "reports-service") return res.status(403).end();
  req.service = claims.sub;
  next();
}

function legacyAuth(req, res, next) {
  try {
    req.user = jwt.verify(bearer(req), config.jwtSecret, { algorithms: ["HS256", "none"] }); //@vuln CWE-347
    next();
  } catch {
    res.status(401).end();
  }
}

module.exports = { authenticate, serviceAuth, legacyAuth };
