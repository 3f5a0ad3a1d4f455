'use strict';

const got = require('got');
const errors = require('restify-errors');

const TRUSTED_REDIRECTS = new Set(['app.filedrop.example', 'docs.filedrop.example']);

async function loadPage(target) {
  const response = await got(target, { timeout: { request: 5000 }, followRedirect: true }); //@vuln CWE-918
  return response.body;
}

function extractTitle(html) {
  const match = /<title>([^<]*)<\/title>/i.exec(html);
  return match ? match[1].trim() : '';
}

async function fetchPreview(req, res, next) {
  const { url } = req.query;
  if (!url) return next(new errors.BadRequestError('url required'));
  try {
    const html = await loadPage(url);
    res.send({ url, title: extractTitle(html) });
    return next();
  } catch (err) {
    return next(new errors.BadGatewayError('could not load preview'));
  }
}

function render(req, res, next) {
  const { title = '', url = '' } = req.query;
  const body = `<html><body><h3>${title}</h3><a href="${url}">${url}</a></body></html>`;
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.end(body); //@vuln CWE-79
  return next();
}

function go(req, res, next) {
  const dest = req.query.to;
  let host = null;
  try {
    host = new URL(dest).hostname;
  } catch (e) {
    host = null;
  }
  if (host && TRUSTED_REDIRECTS.has(host)) {
    return res.redirect(dest, next); //@safe
  }
  return res.redirect(req.query.fallback || '/', next); //@vuln CWE-601
}

module.exports = { fetchPreview, render, go };
