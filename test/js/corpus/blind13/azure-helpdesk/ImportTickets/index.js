const yaml = require("js-yaml");
const { TicketService } = require("../shared/ticketService");
const { requireUser } = require("../shared/session");

function parseDefinition(req) {
  const contentType = (req.headers["content-type"] || "").toLowerCase();
  if (contentType.includes("json")) return req.body;
  const text = typeof req.body === "string" ? req.body : req.rawBody;
  if (req.query.legacy === "1") {
    return yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
  }
  return yaml.safeLoad(text); //@safe
}

module.exports = async function (context, req) {
  const user = await requireUser(context, req);
  if (!user) return;

  let definition;
  try {
    definition = parseDefinition(req);
  } catch (err) {
    context.res = { status: 400, body: { error: "invalid definition", detail: err.message } };
    return;
  }

  const tickets = Array.isArray(definition?.tickets) ? definition.tickets : [];
  const inserted = await new TicketService(user.tenantId).insertMany(tickets.slice(0, 500));
  context.res = { status: 201, body: { inserted } };
};
