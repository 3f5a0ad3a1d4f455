const { getStore } = require("@netlify/blobs");

function setPath(obj, dottedPath, value) {
  const parts = String(dottedPath).split(".");
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    if (typeof cur[part] !== "object" || cur[part] === null) cur[part] = {};
    cur = cur[part];
  }
  cur[parts[parts.length - 1]] = value; //@vuln CWE-1321
  return obj;
}

exports.handler = async (event, context) => {
  const user = context.clientContext && context.clientContext.user;
  if (!user) return { statusCode: 401, body: JSON.stringify({ error: "login required" }) };

  const store = getStore("preferences");
  const prefs = (await store.get(user.sub, { type: "json" })) || {};
  const { updates = {} } = JSON.parse(event.body || "{}");
  for (const [key, value] of Object.entries(updates)) setPath(prefs, key, value);
  await store.setJSON(user.sub, prefs);
  return { statusCode: 200, headers: { "Content-Type": "application/json" }, body: JSON.stringify(prefs) };
};
