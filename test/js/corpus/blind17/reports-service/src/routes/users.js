const express = require("express");
const bcrypt = require("bcrypt");
const { Sequelize, QueryTypes } = require("sequelize");
const config = require("../config");
const { readPrefsCookie } = require("../lib/prefs");

const sequelize = new Sequelize(config.postgresUrl, { logging: false });
const router = express.Router();

async function findUsers(filters) {
  const where = Object.entries(filters)
    .map(([column, value]) => `${column} = '${value}'`)
    .join(" AND ");
  return sequelize.query(`SELECT id, email, team FROM users WHERE ${where || "true"}`, { type: QueryTypes.SELECT }); //@vuln CWE-89
}

router.get("/", async (req, res) => {
  res.json(await findUsers(req.query));
});

router.get("/by-email", async (req, res) => {
  const rows = await sequelize.query("SELECT id, email, team FROM users WHERE email = :email", { //@safe
    replacements: { email: req.query.email },
    type: QueryTypes.SELECT,
  });
  res.json(rows[0] || null);
});

router.post("/", async (req, res) => {
  const { email, password } = req.body;
  const hash = await bcrypt.hash(password, 12); //@safe
  await sequelize.query("INSERT INTO users (email, password_hash) VALUES ($1, $2)", { bind: [email, hash] });
  res.status(201).end();
});

router.post("/preferences", (req, res) => {
  const prefs = { ...readPrefsCookie(req.cookies.prefs), ...req.body };
  const encoded = Buffer.from(JSON.stringify(prefs)).toString("base64");
  res.cookie("prefs", encoded, { maxAge: 31536000000, httpOnly: true, secure: true, sameSite: "lax" }); //@safe
  res.cookie("remember_me", req.body.rememberToken, { maxAge: 2592000000, sameSite: "lax" }); //@vuln CWE-614|CWE-1004
  res.json(prefs);
});

router.post("/session", (req, res) => {
  res.cookie("sid", req.body.sid, { httpOnly: true, secure: true, sameSite: "strict", maxAge: 3600000 }); //@safe
  res.status(204).end();
});

module.exports = router;
