'use strict';

// Builds Elasticsearch query DSL bodies for the product search endpoints.

const FILTERABLE = new Set(['status', 'category', 'brand', 'region', 'color']);
const NUMERIC_FIELDS = new Set(['price', 'rating', 'stock', 'popularity']);
const MAX_PAGE_SIZE = 100;

function escapeRegex(s) {
  return String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function toInt(v, fallback, max) {
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n) || n < 1) return fallback;
  return max ? Math.min(n, max) : n;
}

function buildSearch(opts) {
  const { q, filters, sortField, sortOrder, sortExpr, boostField, boostFactor, freshness, advanced, tenantId } = opts;
  const size = toInt(opts.size, 20, MAX_PAGE_SIZE);
  const page = toInt(opts.page, 1, 500);
  const order = sortOrder === 'asc' ? 'asc' : 'desc';

  const must = [];
  const filter = [{ term: { tenant_id: String(tenantId) } }];

  if (q) {
    must.push({ multi_match: { query: String(q), fields: ['title^3', 'description', 'tags'], type: 'best_fields', fuzziness: 'AUTO' } });
  }

  for (const [field, value] of Object.entries(filters || {})) {
    if (!FILTERABLE.has(field)) continue;
    filter.push({ terms: { [field]: [].concat(value).map(String) } });
  }

  let query = { bool: { must, filter } };
  if (advanced) {
    // Merchandisers paste raw DSL from Kibana Dev Tools for one-off investigations.
    query = JSON.parse(advanced); //@vuln CWE-943
  }

  if (boostField && NUMERIC_FIELDS.has(boostField)) {
    const factor = Number(boostFactor);
    query = {
      script_score: {
        query,
        script: { source: 'Math.log(2 + doc[params.field].value) * params.factor', params: { field: boostField, factor: Number.isFinite(factor) ? factor : 1 } }, //@safe
      },
    };
  }

  if (freshness) {
    // newer listings first: gaussian decay around the date picked in the UI
    query = {
      script_score: {
        query,
        script: { source: `decayDateGauss('${freshness}', '30d', '0', 0.5, doc['published_at'].value) * _score` }, //@vuln CWE-94
      },
    };
  }

  const sort = [];
  if (sortField && NUMERIC_FIELDS.has(sortField)) {
    sort.push({ [sortField]: { order } });
  } else if (sortExpr) {
    // "computed" sorts from the merchandising UI, e.g. doc['price'].value * 0.8
    sort.push({ _script: { type: 'number', order, script: { lang: 'painless', source: String(sortExpr) } } }); //@vuln CWE-94
  }
  sort.push({ _score: { order: 'desc' } });

  return {
    from: (page - 1) * size,
    size,
    query,
    sort,
    track_total_hits: true,
    highlight: { fields: { title: {}, description: { fragment_size: 160 } } },
  };
}

// Client-side post filter on snippets ("only show hits whose description matches").
function highlightMatcher(term, { regexMode } = {}) {
  if (regexMode) return new RegExp(term, 'i'); //@vuln CWE-1333
  return new RegExp(escapeRegex(term), 'i'); //@safe
}

module.exports = { buildSearch, highlightMatcher };
