const { TicketService } = require("../shared/ticketService");
const { requireUser } = require("../shared/session");

module.exports = async function (context, req) {
  const user = await requireUser(context, req);
  if (!user) return;
  if (user.role !== "agent" && user.role !== "admin") {
    context.res = { status: 403, body: { error: "forbidden" } };
    return;
  }

  const { ids = [], reason = "resolved" } = req.body || {};
  if (!Array.isArray(ids) || ids.length === 0) {
    context.res = { status: 400, body: { error: "ids required" } };
    return;
  }

  const closed = await new TicketService(user.tenantId).bulkClose(ids, reason);
  context.log(`closed ${closed} tickets for tenant ${user.tenantId}`);
  context.res = { status: 200, body: { closed } };
};
