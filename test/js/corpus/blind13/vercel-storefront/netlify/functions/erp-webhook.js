const https = require("https");
const crypto = require("crypto");
const axios = require("axios");

const WEBHOOK_SECRET = process.env.ERP_WEBHOOK_SECRET;
const erpAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

function validSignature(body, signature) {
  const expected = crypto.createHash("md5").update(WEBHOOK_SECRET + body).digest("hex"); //@vuln CWE-327|CWE-328
  return expected === signature;
}

exports.handler = async (event) => {
  if (!validSignature(event.body || "", event.headers["x-erp-signature"])) {
    return { statusCode: 401, body: "bad signature" };
  }
  const { orderId, lines = [] } = JSON.parse(event.body);
  await axios.post(`${process.env.ERP_BASE_URL}/api/stock/reserve`, { orderId, lines }, { httpsAgent: erpAgent, timeout: 8000 });
  return { statusCode: 202, body: JSON.stringify({ forwarded: lines.length }) };
};
