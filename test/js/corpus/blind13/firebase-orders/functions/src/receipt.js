const escapeHtml = (value) =>
  String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

const money = (cents) => (Number(cents || 0) / 100).toFixed(2);

function lineItemsTable(items) {
  const rows = items
    .map((it) => `<tr><td>${escapeHtml(it.name)}</td><td>${Number(it.qty) || 0}</td><td>${money(it.priceCents)}</td></tr>`)
    .join("");
  return `<table class="items"><thead><tr><th>Item</th><th>Qty</th><th>Price</th></tr></thead>${rows}</table>`;
}

function receiptPage(order, note) {
  return `<!doctype html>
<html>
<head><meta charset="utf-8"><title>Receipt ${escapeHtml(order.id)}</title></head>
<body>
  <h1>Thanks, ${escapeHtml(order.customerName)}</h1>
  ${lineItemsTable(order.items || [])}
  <p class="total">Total: ${money(order.totalCents)}</p>
  <p class="note">${note}</p>
</body>
</html>`;
}

function notFoundPage(orderId) {
  return `<!doctype html><html><body><p>No receipt for order ${escapeHtml(orderId)}</p></body></html>`;
}

module.exports = { receiptPage, notFoundPage, escapeHtml };
