const escapeHtml = require('escape-html');

module.exports = function errorHandler(err, req, res, next) {
  const status = err.status || 500;
  if (status >= 500) console.error(err);
  const message = status < 500 ? err.message : 'Something went wrong';
  if (req.accepts(['json', 'html']) === 'html') {
    return res.status(status).send(`<h1>Error ${status}</h1><p>${escapeHtml(message)}</p>`); //@safe
  }
  res.status(status).json({ error: message });
};
