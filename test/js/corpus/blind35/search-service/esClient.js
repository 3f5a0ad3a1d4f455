'use strict';

const fs = require('fs');
const { Client } = require('@elastic/elasticsearch');
const { Client: OpenSearchClient } = require('@opensearch-project/opensearch');
const config = require('../common/config');

// Primary cluster (Elastic 8). The internal CA rotated and broke staging, so
// verification was switched off "until the new bundle is deployed".
const es = new Client({
  node: config.elastic.node,
  auth: { username: config.elastic.username, password: config.elastic.password },
  tls: { rejectUnauthorized: false }, //@vuln CWE-295
  maxRetries: 3,
  requestTimeout: 15000,
  compression: true,
});

// Legacy OpenSearch cluster that still holds the 2019–2021 archive indices.
const archive = new OpenSearchClient({
  node: process.env.ARCHIVE_NODE || 'https://archive-search.internal:9200',
  auth: { username: 'archive_reader', password: 'Arch1ve-Read0nly#2020' }, //@vuln CWE-798
  ssl: { ca: fs.readFileSync(process.env.ARCHIVE_CA || '/etc/ssl/certs/archive-ca.pem'), rejectUnauthorized: true }, //@safe
  requestTimeout: 30000,
});

function tenantIndex(tenantId) {
  const slug = String(tenantId).toLowerCase().replace(/[^a-z0-9_-]/g, '');
  if (!slug) throw Object.assign(new Error('invalid tenant'), { status: 400 });
  return `products-${slug}`;
}

function clientFor(index) {
  return index.startsWith('archive-') ? archive : es;
}

module.exports = { es, archive, tenantIndex, clientFor };
