const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value) {
  return String(value == null ? '' : value).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

function flashBanner(kind, message) {
  return `<div class="alert alert-${escapeHtml(kind)}">${message}</div>`;
}

function sendNotice(res, kind, message) {
  res.type('html').send(flashBanner(kind, message)); //@vuln CWE-79
}

function sendSafeNotice(res, kind, message) {
  res.type('html').send(flashBanner(kind, escapeHtml(message))); //@safe
}

module.exports = { escapeHtml, flashBanner, sendNotice, sendSafeNotice };
