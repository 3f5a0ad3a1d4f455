import { QueryTypes } from 'sequelize';
import mongoose, { FilterQuery, Schema } from 'mongoose';
import { Candidate, sequelize } from '../db';

export interface CandidateSearch {
  q?: string;
  stage?: string;
  sort?: string;
  order?: string;
  limit?: number;
  offset?: number;
}

export interface CandidateRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  stage?: string | null;
  score?: number | null;
}

const SORTABLE = new Set(['created_at', 'last_name', 'score', 'updated_at']);

export async function searchCandidates(tenantId: string, params: CandidateSearch): Promise<CandidateRow[]> {
  const where = ['c.tenant_id = :tenantId'];
  const replacements: Record<string, unknown> = { tenantId };
  if (params.q) {
    where.push('(c.first_name ILIKE :q OR c.last_name ILIKE :q OR c.email ILIKE :q)');
    replacements.q = `%${params.q}%`;
  }
  if (params.stage) {
    where.push(`a.stage = '${params.stage}'`);
  }
  const sortColumn = SORTABLE.has(params.sort ?? '') ? params.sort : 'created_at';
  const direction = params.order === 'asc' ? 'ASC' : 'DESC';
  const sql = `
    SELECT c.id, c.first_name, c.last_name, c.email, a.stage, a.score
      FROM candidates c
      LEFT JOIN applications a ON a.candidate_id = c.id
     WHERE ${where.join(' AND ')}
     ORDER BY ${sortColumn} ${direction}
     LIMIT :limit OFFSET :offset`;
  return sequelize.query<CandidateRow>(sql, {  //@vuln CWE-89
    type: QueryTypes.SELECT,
    replacements: { ...replacements, limit: params.limit ?? 50, offset: params.offset ?? 0 },
  });
}

export async function findCandidateById(tenantId: string, id: string): Promise<CandidateRow | null> {
  const [row] = await sequelize.query<CandidateRow>(  //@safe
    'SELECT id, first_name, last_name, email, phone, linkedin_url, tags FROM candidates WHERE tenant_id = $1 AND id = $2',
    { bind: [tenantId, id], type: QueryTypes.SELECT },
  );
  return row ?? null;
}

export async function listTenantTags(tenantId: string): Promise<string[]> {
  const rows = await sequelize.query<{ tag: string }>(  //@safe
    'SELECT DISTINCT unnest(tags) AS tag FROM candidates WHERE tenant_id = :tenantId ORDER BY tag',
    { replacements: { tenantId }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => row.tag);
}

export async function bulkUpdateStage(tenantId: string, candidateIds: string[], stage: string): Promise<void> {
  const idList = candidateIds.map((id) => `'${id}'`).join(', ');
  await sequelize.query(  //@vuln CWE-89
    `UPDATE applications SET stage = :stage, updated_at = now() WHERE tenant_id = :tenantId AND candidate_id IN (${idList})`,
    { replacements: { stage, tenantId } },
  );
}

export async function findByTags(tenantId: string, tags: string[]) {
  const arrayLiteral = tags.map((tag) => `'${tag}'`).join(',');
  return Candidate.findAll({ where: sequelize.and({ tenant_id: tenantId }, sequelize.literal(`tags @> ARRAY[${arrayLiteral}]::varchar[]`)), limit: 200 });  //@vuln CWE-89
}

export interface ActivityDoc {
  tenantId: string;
  candidateId: string;
  actorId?: string;
  actorName?: string;
  type: string;
  summary?: string;
  payload?: Record<string, unknown>;
  createdAt: Date;
}

const activitySchema = new Schema<ActivityDoc>(
  {
    tenantId: { type: String, required: true, index: true },
    candidateId: { type: String, required: true },
    actorId: String,
    actorName: String,
    type: { type: String, required: true },
    summary: String,
    payload: Schema.Types.Mixed,
    createdAt: { type: Date, default: Date.now },
  },
  { collection: 'candidate_activity' },
);
activitySchema.index({ tenantId: 1, candidateId: 1, createdAt: -1 });

export const Activity = mongoose.model<ActivityDoc>('Activity', activitySchema);

export function recordActivity(entry: Omit<ActivityDoc, 'createdAt'>) {
  return Activity.create({ ...entry, createdAt: new Date() });
}

export function listCandidateActivity(tenantId: string, candidateId: string) {
  return Activity.find({ tenantId, candidateId: String(candidateId) }).sort({ createdAt: -1 }).limit(100).lean();  //@safe
}

export function searchActivity(tenantId: string, filters: FilterQuery<ActivityDoc>) {
  return Activity.find({ tenantId, ...filters }).sort({ createdAt: -1 }).limit(200).lean();  //@vuln CWE-943
}

export function activityByActorPrefix(tenantId: string, prefix: string) {
  return Activity.find({ $where: `this.tenantId === '${tenantId}' && this.actorName.startsWith('${prefix}')` }).limit(100).lean();  //@vuln CWE-943
}
