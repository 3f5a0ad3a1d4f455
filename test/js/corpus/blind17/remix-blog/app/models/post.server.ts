import Knex from "knex";

export const knex = Knex({
  client: "pg",
  connection: process.env.DATABASE_URL,
  pool: { min: 0, max: 8 },
});

export interface Post {
  id: number;
  slug: string;
  title: string;
  body_html: string;
  author_id: string;
  published_at: string | null;
}

export async function getPostBySlug(slug: string) {
  const { rows } = await knex.raw<{ rows: Post[] }>("SELECT * FROM posts WHERE slug = ? AND published_at IS NOT NULL", [slug]); //@safe
  return rows[0] ?? null;
}

export async function listPosts({ tag, order }: { tag?: string | null; order?: string | null }) {
  const query = knex<Post>("posts").whereNotNull("published_at");
  if (tag) query.whereRaw(`tags @> ARRAY['${tag}']::text[]`); //@vuln CWE-89
  return query.orderBy("published_at", order === "asc" ? "asc" : "desc").limit(50);
}

export async function searchPosts(term: string) {
  const result = await knex.raw( //@vuln CWE-89
    `SELECT id, slug, title, ts_rank(search, q) AS rank
       FROM posts, plainto_tsquery('english', '${term}') q
      WHERE search @@ q ORDER BY rank DESC LIMIT 20`
  );
  return result.rows as Array<Pick<Post, "id" | "slug" | "title">>;
}

export async function recordView(postId: number, referrer: string | null) {
  await knex("post_views").insert({ post_id: postId, referrer });
}
