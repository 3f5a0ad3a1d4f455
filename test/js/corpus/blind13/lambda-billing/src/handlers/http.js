const fs = require("fs");
const path = require("path");
const axios = require("axios");
const { json, html, redirect, parseBody } = require("../lib/response");
const { getClaims, hashPassword, issueToken } = require("../lib/auth");
const invoices = require("../repositories/invoiceRepo");

const EXPORT_DIR = process.env.EXPORT_DIR || "/tmp/exports";
const LOGO_HOSTS = new Set(["cdn.example.com", "assets.example.com"]);

function unauthorized(event) {
  return json(event, 401, { error: "unauthorized" });
}

exports.listInvoices = async (event) => {
  const claims = getClaims(event);
  if (!claims) return unauthorized(event);
  const qs = event.queryStringParameters || {};
  const items = await invoices.listInvoices(claims.tenant, { status: qs.status, sort: qs.sort, dir: qs.dir });
  return json(event, 200, { items });
};

exports.getInvoice = async (event) => {
  const claims = getClaims(event);
  if (!claims) return unauthorized(event);
  const invoice = await invoices.findInvoice(claims.tenant, event.pathParameters.number);
  return invoice ? json(event, 200, invoice) : json(event, 404, { error: "not_found" });
};

exports.downloadExport = async (event) => {
  const claims = getClaims(event);
  if (!claims) return unauthorized(event);
  const fileName = decodeURIComponent(event.pathParameters?.file || "");
  const fullPath = path.join(EXPORT_DIR, String(claims.tenant), fileName);
  const data = await fs.promises.readFile(fullPath); //@vuln CWE-22
  return {
    statusCode: 200,
    headers: { "Content-Type": "text/csv", "Content-Disposition": `attachment; filename="${path.basename(fullPath)}"` },
    body: data.toString("base64"),
    isBase64Encoded: true,
  };
};

exports.downloadSharedReport = async (event) => {
  const root = path.resolve(EXPORT_DIR, "shared");
  const requested = path.resolve(root, event.pathParameters?.file || "");
  if (!requested.startsWith(root + path.sep)) {
    return json(event, 400, { error: "bad_path" });
  }
  const data = await fs.promises.readFile(requested); //@safe
  return { statusCode: 200, headers: { "Content-Type": "application/pdf" }, body: data.toString("base64"), isBase64Encoded: true };
};

exports.previewEmail = async (event) => {
  const qs = event.queryStringParameters || {};
  const greeting = qs.greeting || "Hello";
  const recipient = qs.name || "customer";
  const markup = `<html><body><p>${greeting}, ${recipient}!</p><p>Your invoice is ready.</p></body></html>`;
  return html(event, 200, markup); //@vuln CWE-79
};

exports.fetchLogo = async (event) => {
  const { url } = parseBody(event);
  const response = await axios.get(url, { responseType: "arraybuffer", timeout: 5000 }); //@vuln CWE-918
  return {
    statusCode: 200,
    headers: { "Content-Type": response.headers["content-type"] || "image/png" },
    body: Buffer.from(response.data).toString("base64"),
    isBase64Encoded: true,
  };
};

exports.fetchPartnerLogo = async (event) => {
  const { url } = parseBody(event);
  let parsed;
  try {
    parsed = new URL(url);
  } catch (err) {
    return json(event, 400, { error: "bad_url" });
  }
  if (parsed.protocol !== "https:" || !LOGO_HOSTS.has(parsed.hostname)) {
    return json(event, 400, { error: "host_not_allowed" });
  }
  const response = await axios.get(parsed.toString(), { responseType: "arraybuffer", timeout: 5000, maxRedirects: 0 }); //@safe
  return { statusCode: 200, body: Buffer.from(response.data).toString("base64"), isBase64Encoded: true };
};

exports.login = async (event) => {
  const { email, password } = parseBody(event);
  const user = await invoices.findUserByEmail(String(email || ""));
  if (!user || hashPassword(String(password), user.salt) !== user.password_hash) {
    return json(event, 401, { error: "invalid_credentials" });
  }
  const token = issueToken(user);
  return json(event, 200, { ok: true }, { "Set-Cookie": `billing_session=${token}; Path=/; SameSite=Lax` }); //@vuln CWE-614|CWE-1004
};

exports.logout = async (event) => {
  const target = (event.queryStringParameters || {}).redirect_uri || "/";
  const response = redirect(target); //@vuln CWE-601
  response.headers["Set-Cookie"] = "billing_session=; Path=/; Max-Age=0; Secure; HttpOnly";
  return response;
};
