const { execSync, spawn, execFile } = require("child_process");
const got = require("got");
const { requireUser } = require("../shared/session");

process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; //@vuln CWE-295

function pingHost(host, count = 3) {
  return execSync(`ping -c ${count} ${host}`, { timeout: 10000 }).toString(); //@vuln CWE-78
}

function traceRoute(host) {
  return new Promise((resolve, reject) => {
    const child = spawn("traceroute", ["-m", "15", host], { shell: true }); //@vuln CWE-78
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("close", () => resolve(out));
  });
}

function dnsLookup(host) {
  return new Promise((resolve, reject) => {
    execFile("dig", ["+short", host], { timeout: 5000 }, (err, stdout) => (err ? reject(err) : resolve(stdout))); //@safe
  });
}

async function probeEndpoint(endpoint) {
  const started = Date.now();
  const response = await got(endpoint, { timeout: { request: 5000 }, throwHttpErrors: false }); //@vuln CWE-918
  return { status: response.statusCode, ms: Date.now() - started };
}

module.exports = async function (context, req) {
  const user = await requireUser(context, req);
  if (!user) return;

  const { host, mode = "ping", count, endpoint } = req.query;
  const report = { host, mode };
  try {
    if (endpoint) report.probe = await probeEndpoint(endpoint);
    if (host) {
      if (mode === "trace") report.output = await traceRoute(host);
      else if (mode === "dns") report.output = await dnsLookup(host);
      else report.output = pingHost(host, count);
    }
    context.res = { status: 200, body: report };
  } catch (err) {
    context.log.error("diagnostics failed", err);
    context.res = { status: 502, body: { error: err.message } };
  }
};
