function corsHeaders(event) {
  const headers = event.headers || {};
  const origin = headers.origin || headers.Origin || "*";
  return {
    "Access-Control-Allow-Origin": origin, //@vuln CWE-942
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Allow-Headers": "Content-Type,Authorization",
  };
}

function json(event, statusCode, body, extraHeaders = {}) {
  return {
    statusCode,
    headers: { "Content-Type": "application/json", ...corsHeaders(event), ...extraHeaders },
    body: JSON.stringify(body),
  };
}

function html(event, statusCode, markup) {
  return {
    statusCode,
    headers: { "Content-Type": "text/html; charset=utf-8", ...corsHeaders(event) },
    body: markup,
  };
}

function redirect(location) {
  return { statusCode: 302, headers: { Location: location }, body: "" };
}

function parseBody(event) {
  if (!event.body) return {};
  const raw = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
  return JSON.parse(raw);
}

module.exports = { json, html, redirect, parseBody };
