const { TicketService } = require("../shared/ticketService");
const { requireUser } = require("../shared/session");

module.exports = async function (context, req) {
  const user = await requireUser(context, req);
  if (!user) return;

  const svc = new TicketService(user.tenantId);
  const { label, orderBy, status, assignee, q } = req.query;
  const items = label ? await svc.byLabel(label, orderBy) : await svc.list({ status, assignee, q });

  context.res = {
    status: 200,
    headers: { "Content-Type": "application/json" },
    body: { items, count: items.length },
  };
};
