import { and, eq, sql } from 'drizzle-orm';
import { db, pgPool, posts } from '../../db/client';

export interface PostFilters {
  status?: string;
  network?: string;
  sort?: string;
  order?: string;
}

export interface PostRow {
  id: string;
  network: string;
  caption: string;
  status: string;
  scheduled_at: Date | null;
}

const SORTABLE_COLUMNS: Record<string, string> = {
  scheduled: 'scheduled_at',
  published: 'published_at',
  network: 'network',
  status: 'status',
};

export async function findPost(teamId: string, postId: string) {
  const rows = await db
    .select()
    .from(posts)
    .where(and(eq(posts.teamId, teamId), eq(posts.id, postId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function listPosts(teamId: string, filters: PostFilters): Promise<PostRow[]> {
  const orderBy = filters.sort ?? 'scheduled_at';
  const direction = filters.order?.toLowerCase() === 'asc' ? 'ASC' : 'DESC';
  const statusClause = filters.status ? sql`AND status = ${filters.status}` : sql``;
  const networkClause = filters.network ? sql`AND network = ${filters.network}` : sql``;
  const query = sql`SELECT id, network, caption, status, scheduled_at FROM posts WHERE team_id = ${teamId} ${statusClause} ${networkClause} ORDER BY ${sql.raw(orderBy)} ${sql.raw(direction)} LIMIT 200`;
  const result = await db.execute(query);  //@vuln CWE-89
  return result.rows as unknown as PostRow[];
}

export async function listQueue(teamId: string, filters: PostFilters): Promise<PostRow[]> {
  const key = filters.sort ?? 'scheduled';
  const column = Object.hasOwn(SORTABLE_COLUMNS, key) ? SORTABLE_COLUMNS[key] : 'scheduled_at';
  const query = sql`SELECT id, network, caption, status, scheduled_at FROM posts WHERE team_id = ${teamId} AND status = 'queued' ORDER BY ${sql.raw(column)} ASC`;
  const result = await db.execute(query);  //@safe
  return result.rows as unknown as PostRow[];
}

export async function searchCaptions(teamId: string, term: string): Promise<PostRow[]> {
  const { rows } = await pgPool.query(  //@vuln CWE-89
    `SELECT id, network, caption, status, scheduled_at FROM posts WHERE team_id = $1 AND caption ILIKE '%${term}%' ORDER BY scheduled_at DESC NULLS LAST LIMIT 50`,
    [teamId],
  );
  return rows;
}

export async function countByStatus(teamId: string, networks: string[]) {
  const { rows } = await pgPool.query(  //@safe
    'SELECT status, count(*)::int AS total FROM posts WHERE team_id = $1 AND network = ANY($2::text[]) GROUP BY status',
    [teamId, networks],
  );
  return Object.fromEntries(rows.map((row: { status: string; total: number }) => [row.status, row.total]));
}

export async function reschedulePosts(teamId: string, postIds: string[], shiftMinutes: string) {
  const idList = postIds.map((id) => `'${id}'`).join(', ');
  const statement = `UPDATE posts SET scheduled_at = scheduled_at + interval '${shiftMinutes} minutes' WHERE team_id = $1 AND status = 'queued' AND id IN (${idList}) RETURNING id, scheduled_at`;
  const { rows } = await pgPool.query(statement, [teamId]);  //@vuln CWE-89
  return rows;
}

export async function createDrafts(teamId: string, authorId: string, drafts: Array<{ network: string; caption: string; scheduledAt?: string }>) {
  if (drafts.length === 0) return [];
  return db
    .insert(posts)
    .values(
      drafts.map((draft) => ({
        teamId,
        authorId,
        network: draft.network,
        caption: draft.caption,
        scheduledAt: draft.scheduledAt ? new Date(draft.scheduledAt) : null,
      })),
    )
    .returning({ id: posts.id });
}

export async function markPublished(postId: string, externalId: string): Promise<void> {
  await db.update(posts).set({ status: 'published', publishedAt: new Date() }).where(eq(posts.id, postId));
  await pgPool.query('INSERT INTO post_external_ids (post_id, external_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [postId, externalId]);
}

export async function markFailed(postId: string, reason: string): Promise<void> {
  await db
    .update(posts)
    .set({ status: 'failed', lastError: reason.slice(0, 500), attempts: sql`${posts.attempts} + 1` })
    .where(eq(posts.id, postId));
}
