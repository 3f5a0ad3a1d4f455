const articleService = require('../services/articleService');

function escapeHtml(value) {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function previewShell(title, bodyHtml) {
  return `<!doctype html><html><head><title>${title}</title>
<link rel="stylesheet" href="/static/preview.css"></head>
<body><article>${bodyHtml}</article></body></html>`;
}

exports.list = async (req, res, next) => {
  try {
    const items = await articleService.listPublished(req.query);
    res.json({ items });
  } catch (err) {
    next(err);
  }
};

exports.editorQueue = async (req, res, next) => {
  try {
    const { filter = {} } = req.body;
    const items = await articleService.findForEditor(filter);
    res.json({ items });
  } catch (err) {
    next(err);
  }
};

exports.search = async (req, res) => {
  const { q = '' } = req.query;
  if (!q) return res.json({ items: [] });
  const items = await articleService.searchTitles(q);
  res.json({ items });
};

exports.suggest = async (req, res) => {
  const items = await articleService.suggestTitles(req.query.q || '');
  res.json({ items });
};

exports.trending = async (req, res) => {
  const { min = 100, days = 7 } = req.query;
  const items = await articleService.trending(min, days);
  res.json({ items });
};

exports.show = async (req, res) => {
  const article = await articleService.bySlug(req.params.slug);
  if (!article) return res.status(404).json({ error: 'not found' });
  articleService.incrementViews(article._id).catch(() => {});
  res.json(article);
};

exports.preview = (req, res) => {
  const { title = 'Untitled', body = '' } = req.body;
  res.type('html').send(previewShell(title, body)); //@vuln CWE-79
};

exports.notFoundPage = (req, res) => {
  const requested = escapeHtml(req.originalUrl);
  res.status(404).send(`<h1>Not found</h1><p>No article at <code>${requested}</code></p>`); //@safe
};
