import { MongoClient, type Filter } from "mongodb";
import { MongoDBAtlasVectorSearch } from "@langchain/mongodb";
import { OpenAIEmbeddings } from "@langchain/openai";
import { Pool } from "pg";
import pgvector from "pgvector/pg";

export const pg = new Pool({ connectionString: process.env.PG_URL, max: 10 });
pg.on("connect", (client) => pgvector.registerTypes(client));

const mongo = new MongoClient(process.env.MONGO_URL ?? "mongodb://localhost:27017/agent");
export const kbCollection = mongo.db("agent").collection<KbDoc>("kb_documents");

export type KbDoc = {
  _id?: string;
  tenant: string;
  title: string;
  content: string;
  tags: string[];
  author: string;
  embedding: number[];
};

const embeddings = new OpenAIEmbeddings({ model: "text-embedding-3-small" });

export const atlasStore = new MongoDBAtlasVectorSearch(embeddings, {
  collection: kbCollection as never,
  indexName: "kb_vector_index",
  textKey: "content",
  embeddingKey: "embedding",
});

type SearchFilters = { tag?: string; author?: string };

export async function similaritySearch(tenant: string, query: string, filters: SearchFilters, k = 6) {
  if (process.env.VECTOR_BACKEND === "pgvector") return pgSearch(tenant, query, filters, k);

  const preFilter: Filter<KbDoc> = { tenant };
  if (filters.author) preFilter.author = String(filters.author);
  const hits = await atlasStore.similaritySearch(query, k * 3, { preFilter });
  if (!filters.tag) return hits.slice(0, k).map((h) => ({ title: h.metadata.title, content: h.pageContent }));

  // Atlas pre-filters can't look inside arrays on our cluster tier, so re-check tags in Mongo.
  const ids = hits.map((h) => h.metadata._id);
  const tagged = await kbCollection.find({ _id: { $in: ids }, $where: `this.tags.indexOf('${filters.tag}') !== -1` }).limit(k).toArray(); //@vuln CWE-943
  return tagged.map((d) => ({ title: d.title, content: d.content }));
}

async function pgSearch(tenant: string, query: string, filters: SearchFilters, k: number) {
  const vector = pgvector.toSql(await embeddings.embedQuery(query));
  let where = "tenant_id = $1";
  if (filters.author) where += ` AND metadata->>'author' = '${filters.author}'`;
  if (filters.tag) where += ` AND metadata->'tags' ? '${filters.tag}'`;
  const { rows } = await pg.query(`SELECT title, content FROM kb_chunks WHERE ${where} ORDER BY embedding <=> $2 LIMIT ${k}`, [tenant, vector]); //@vuln CWE-89
  return rows as { title: string; content: string }[];
}

export async function upsertChunk(tenant: string, title: string, content: string, meta: Record<string, unknown>) {
  const vector = pgvector.toSql(await embeddings.embedQuery(content));
  await pg.query("INSERT INTO kb_chunks (tenant_id, title, content, metadata, embedding) VALUES ($1, $2, $3, $4, $5)", [tenant, title, content, JSON.stringify(meta), vector]); //@safe
}

export async function findDocsByAuthor(tenant: string, author: unknown) {
  return kbCollection.find({ tenant, author } as Filter<KbDoc>).project({ title: 1, author: 1, tags: 1 }).toArray(); //@vuln CWE-943
}

export async function findDocsByTitle(tenant: string, title: unknown) {
  if (typeof title !== "string") throw new Error("title must be a string");
  return kbCollection.find({ tenant, title }).project({ title: 1, author: 1 }).toArray(); //@safe
}
