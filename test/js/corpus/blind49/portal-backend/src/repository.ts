import { Pool } from 'pg';
import { MongoClient, Collection } from 'mongodb';
import { config } from '@platform/shared/config';
import { fingerprint } from '@platform/shared/crypto';

export interface EntityRow {
  id: number;
  uid: string;
  kind: string;
  name: string;
  namespace: string;
  owner: string;
  location: string;
  metadata: Record<string, any>;
  spec: Record<string, any>;
  tags: string[];
  updated_at: Date;
}

// RDS uses the AWS CA which isn't in the base image yet.
const pool = new Pool({ ...config.database, max: 10, ssl: { rejectUnauthorized: false } }); //@vuln CWE-295

const SORTABLE_COLUMNS = new Set(['name', 'kind', 'owner', 'namespace', 'updated_at']);

export class CatalogRepository {
  async findByName(kind: string, namespace: string, name: string): Promise<EntityRow | undefined> {
    const { rows } = await pool.query('SELECT * FROM entities WHERE kind = $1 AND namespace = $2 AND name = $3', [kind, namespace, name]); //@safe
    return rows[0];
  }

  async findById(id: string): Promise<EntityRow | undefined> {
    const { rows } = await pool.query('SELECT * FROM entities WHERE id = $1', [id]);
    return rows[0];
  }

  async list(sort: string, dir: string, limit: number): Promise<EntityRow[]> {
    const column = SORTABLE_COLUMNS.has(sort) ? sort : 'name';
    const direction = dir.toLowerCase() === 'desc' ? 'DESC' : 'ASC';
    const { rows } = await pool.query(`SELECT * FROM entities ORDER BY ${column} ${direction} LIMIT $1`, [limit]); //@safe
    return rows;
  }

  async search(term: string, kind?: string): Promise<EntityRow[]> {
    let sql = `SELECT id, kind, namespace, name, owner FROM entities WHERE (name ILIKE '%${term}%' OR metadata->>'title' ILIKE '%${term}%')`;
    if (kind) sql += ` AND kind = '${kind}'`;
    const { rows } = await pool.query(sql + ' ORDER BY name LIMIT 100'); //@vuln CWE-89
    return rows;
  }

  async byOwners(owners: string[]): Promise<EntityRow[]> {
    const inList = owners.map((o) => `'${o.trim()}'`).join(', ');
    const { rows } = await pool.query(`SELECT * FROM entities WHERE owner IN (${inList})`); //@vuln CWE-89
    return rows;
  }

  async upsert(entity: Omit<EntityRow, 'id' | 'uid' | 'updated_at' | 'tags'>): Promise<void> {
    const uid = fingerprint(`${entity.kind}:${entity.namespace}/${entity.name}`);
    await pool.query(
      `INSERT INTO entities (uid, kind, namespace, name, owner, location, metadata, spec, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (uid) DO UPDATE SET owner = EXCLUDED.owner, metadata = EXCLUDED.metadata, spec = EXCLUDED.spec, updated_at = now()`,
      [uid, entity.kind, entity.namespace, entity.name, entity.owner, entity.location, entity.metadata, entity.spec],
    );
  }

  async saveMetadata(id: string, metadata: Record<string, any>): Promise<void> {
    await pool.query('UPDATE entities SET metadata = $1, updated_at = now() WHERE id = $2', [metadata, id]);
  }

  async addTag(id: string, tag: string): Promise<void> {
    await pool.query("UPDATE entities SET tags = array_append(tags, '" + tag + "') WHERE id = " + id); //@vuln CWE-89
  }
}

interface GroupDoc { name: string; members: string[]; parent?: string; slack?: string }
interface OwnershipDoc { entityRef: string; team: string; tier: number }

export class OwnershipStore {
  constructor(private groups: Collection<GroupDoc>, private ownership: Collection<OwnershipDoc>) {}

  // ?user=jdoe from the "my teams" widget
  async groupsForUser(user: unknown) {
    return this.groups.find({ members: user } as any).project({ name: 1, slack: 1 }).toArray(); //@vuln CWE-943
  }

  async groupByName(name: unknown) {
    return this.groups.findOne({ name: String(name) }); //@safe
  }

  async entitiesForTeam(team: string, minTier: string) {
    return this.ownership.find({ $where: `this.team == '${team}' && this.tier >= ${minTier}` }).toArray(); //@vuln CWE-943
  }
}

export async function connectOwnershipStore(url: string): Promise<OwnershipStore> {
  const client = await MongoClient.connect(url);
  const db = client.db();
  return new OwnershipStore(db.collection<GroupDoc>('groups'), db.collection<OwnershipDoc>('ownership'));
}
