const { TicketService } = require("../shared/ticketService");
const { requireUser } = require("../shared/session");

const escapeHtml = (s) =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));

function renderTicketPage(ticket, highlight) {
  const title = escapeHtml(ticket.title);
  const description = escapeHtml(ticket.description);
  const banner = highlight ? `<div class="search-hit">Matched: ${highlight}</div>` : "";
  return `<!doctype html>
<html><head><title>#${ticket.id} ${title}</title></head>
<body>${banner}<h1>${title}</h1><pre>${description}</pre><footer>Status: ${escapeHtml(ticket.status)}</footer></body></html>`;
}

module.exports = async function (context, req) {
  const user = await requireUser(context, req);
  if (!user) return;

  const ticket = await new TicketService(user.tenantId).get(context.bindingData.id);
  if (!ticket) {
    const missing = `<p>Ticket ${escapeHtml(context.bindingData.id)} was not found.</p>`;
    context.res = { status: 404, headers: { "Content-Type": "text/html" }, body: missing }; //@safe
    return;
  }

  const page = renderTicketPage(ticket, req.query.highlight);
  context.res = { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }, body: page }; //@vuln CWE-79
};
