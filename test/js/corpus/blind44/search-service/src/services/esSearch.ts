// Full-text search over report documents and customer notes in OpenSearch.
import { Client } from '@opensearch-project/opensearch';
import { config } from '../../../common/config';

export const search = new Client({
  node: config.opensearch.node,
  auth: { username: config.opensearch.username, password: config.opensearch.password },
  ssl: { rejectUnauthorized: false }, //@vuln CWE-295
  requestTimeout: 15_000,
});

// Analytics cluster (read-only replica in the BI VPC).
export const biSearch = new Client({
  node: process.env.BI_OPENSEARCH_URL || 'https://bi-search.internal:9200',
  auth: { username: 'bi_reader', password: 'Bi-Reader#2024' }, //@vuln CWE-798
});

const REPORT_INDEX = 'reports-v3';
const SORTABLE = new Set(['updated_at', 'created_at', 'title.keyword', 'views']);

export interface ReportSearch {
  tenant: string;
  text?: string;
  tags?: string[];
  sort?: string;
  from?: number;
}

export async function searchReports(q: ReportSearch) {
  const sortField = SORTABLE.has(q.sort ?? '') ? q.sort! : 'updated_at';
  const body = {
    query: {
      bool: {
        filter: [{ term: { tenant_id: q.tenant } }, ...(q.tags?.length ? [{ terms: { tags: q.tags } }] : [])],
        must: q.text ? [{ simple_query_string: { query: q.text, fields: ['title^3', 'description', 'tags'], default_operator: 'and' } }] : [],
      },
    },
    sort: [{ [sortField]: 'desc' }],
    highlight: { fields: { title: {}, description: {} } },
    from: q.from ?? 0,
    size: 25,
  };
  const { body: res } = await search.search({ index: REPORT_INDEX, body }); //@safe
  return res.hits;
}

// "Advanced" mode for power users (runs on the BI replica): Lucene syntax, e.g. title:revenue AND tags:emea
export async function advancedSearch(tenant: string, lucene: string) {
  const { body: res } = await biSearch.search({ index: REPORT_INDEX, body: { query: { query_string: { query: `tenant_id:${tenant} AND (${lucene})`, allow_leading_wildcard: false } }, size: 50 } }); //@vuln CWE-943
  return res.hits;
}

// Boost scoring by a user-chosen numeric field ("rank by views", "rank by downloads"...).
export async function rankedReports(tenant: string, field: string, factor: string) {
  const { body: res } = await search.search({
    index: REPORT_INDEX,
    body: {
      query: {
        script_score: {
          query: { term: { tenant_id: tenant } },
          script: { source: `Math.log(2 + doc['${field}'].value) * ${factor}` }, //@vuln CWE-94|CWE-943
        },
      },
      size: 25,
    },
  });
  return res.hits;
}
