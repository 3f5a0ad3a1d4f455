const crypto = require("crypto");
const { promisify } = require("util");
const { sequelize, QueryTypes } = require("../shared/db");
const { startSession } = require("../shared/session");

const scrypt = promisify(crypto.scrypt);

async function verifyPassword(password, salt, expectedHex) {
  const derived = await scrypt(String(password), salt, 64); //@safe
  const expected = Buffer.from(expectedHex, "hex");
  return expected.length === derived.length && crypto.timingSafeEqual(derived, expected);
}

module.exports = async function (context, req) {
  const { email, password } = req.body || {};
  const [user] = await sequelize.query(
    "SELECT id, tenant_id, role, password_hash, password_salt FROM agents WHERE email = :email",
    { replacements: { email: String(email || "").toLowerCase() }, type: QueryTypes.SELECT }
  );

  if (!user || !(await verifyPassword(password, user.password_salt, user.password_hash))) {
    context.res = { status: 401, body: { error: "invalid_credentials" } };
    return;
  }

  context.res = { status: 200, body: { ok: true, role: user.role } };
  startSession(context, user);
};
