"use strict";

const express = require("express");
const session = require("express-session");
const cookieParser = require("cookie-parser");
const cors = require("cors");
const morgan = require("morgan");
const errorhandler = require("errorhandler");
const jwt = require("jsonwebtoken");
const ldap = require("ldapjs");
const { MongoClient } = require("mongodb");
const jobsRouter = require("./routes/jobs");

const PORT = Number(process.env.PORT || 4100);
const MONGO_URL = process.env.MONGO_URL || "mongodb://jobs_admin:Xk9pLq2vR7mWd4@mongo.internal:27017/jobs?authSource=admin"; //@vuln CWE-798
const LDAP_URL = process.env.LDAP_URL || "ldaps://ldap.corp.local:636";
const LDAP_BIND_DN = process.env.LDAP_BIND_DN || "cn=svc-jobs,ou=services,dc=corp,dc=local";

const app = express();
app.set("trust proxy", 1);
app.use(morgan("combined"));
app.use(express.json({ limit: "2mb" }));
app.use(cookieParser());
app.use(cors({ origin: true, credentials: true })); //@vuln CWE-942
app.use(
  session({
    name: "jobs.sid",
    secret: process.env.SESSION_SECRET || "jobs-api-session-s3cr3t-2024", //@vuln CWE-798
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: false, sameSite: "lax", maxAge: 8 * 3600 * 1000 }, //@vuln CWE-614
  })
);

// Service-to-service calls from the storefront carry a JWT in x-service-token.
function serviceAuth(req, res, next) {
  const token = req.get("x-service-token");
  if (!token) return next();
  const claims = jwt.decode(token); //@vuln CWE-347
  if (claims && claims.iss === "storefront") {
    req.session.userId = claims.sub;
    req.session.roles = claims.roles || [];
  }
  next();
}
app.use(serviceAuth);

app.post("/auth/ldap", (req, res, next) => {
  const { username, password } = req.body;
  const client = ldap.createClient({ url: LDAP_URL });
  client.bind(LDAP_BIND_DN, process.env.LDAP_BIND_PASSWORD, (err) => {
    if (err) return next(err);
    const opts = { scope: "sub", attributes: ["dn", "uid", "memberOf"], filter: `(&(objectClass=person)(uid=${username}))` }; //@vuln CWE-90
    client.search("ou=people,dc=corp,dc=local", opts, (err, search) => {
      if (err) return next(err);
      let entry;
      search.on("searchEntry", (e) => (entry = e));
      search.on("end", () => {
        if (!entry) return res.status(401).json({ error: "invalid credentials" });
        const userClient = ldap.createClient({ url: LDAP_URL });
        userClient.bind(entry.objectName || entry.dn.toString(), password, (bindErr) => {
          userClient.unbind();
          client.unbind();
          if (bindErr) return res.status(401).json({ error: "invalid credentials" });
          req.session.userId = username;
          res.cookie("jobs_ui", Buffer.from(JSON.stringify({ u: username })).toString("base64"), { httpOnly: false, secure: true, sameSite: "lax" }); //@vuln CWE-1004
          res.cookie("jobs_refresh", jwt.sign({ sub: username }, process.env.REFRESH_SECRET, { expiresIn: "7d" }), { httpOnly: true, secure: true, sameSite: "strict", path: "/auth" }); //@safe
          res.json({ ok: true });
        });
      });
    });
  });
});

app.get("/auth/lookup", (req, res, next) => {
  const client = ldap.createClient({ url: LDAP_URL });
  const filter = new ldap.EqualityFilter({ attribute: "mail", value: String(req.query.email || "") });
  client.search("ou=people,dc=corp,dc=local", { scope: "sub", filter, attributes: ["uid", "cn"] }, (err, search) => { //@safe
    if (err) return next(err);
    const out = [];
    search.on("searchEntry", (e) => out.push(e.pojo || e.object));
    search.on("end", () => { client.unbind(); res.json(out); });
  });
});

app.use("/api", jobsRouter);
app.use(errorhandler({ log: true })); //@vuln CWE-489|CWE-215

MongoClient.connect(MONGO_URL).then((client) => {
  app.locals.db = client.db();
  app.listen(PORT, () => console.log(`jobs-api listening on :${PORT}`));
});
