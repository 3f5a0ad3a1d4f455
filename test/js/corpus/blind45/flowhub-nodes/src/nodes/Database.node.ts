import { Client } from 'pg';
import format from 'pg-format';
import mysql from 'mysql2/promise';
import { MongoClient, ObjectId } from 'mongodb';
import type { NodeType, NodeItem, NodeExecuteContext } from '@flowhub/common/runtime';

interface DatabaseParameters {
  database: 'postgres' | 'mysql' | 'mongodb';
  operation: 'executeQuery' | 'insert' | 'update' | 'select' | 'delete' | 'lookup' | 'findById' | 'findByField' | 'findByOwner';
  query: string;
  schema: string;
  table: string;
  columns: string;
  updateKey: string;
  where: Record<string, string>;
  lookupColumn: string;
  limit: number;
  collection: string;
  field: string;
}

interface DbCredentials {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  ssl: boolean;
  connectionString?: string;
}

type Ctx = NodeExecuteContext<DatabaseParameters>;

async function runPostgres(ctx: Ctx, creds: DbCredentials): Promise<NodeItem[]> {
  const client = new Client({ host: creds.host, port: creds.port, database: creds.database, user: creds.user, password: creds.password, ssl: creds.ssl ? { rejectUnauthorized: true } : false });
  await client.connect();
  const out: NodeItem[] = [];
  try {
    for (let i = 0; i < ctx.items.length; i++) {
      const p = ctx.getParameters(i);
      const item = ctx.items[i];
      const schema = p.schema || 'public';
      let rows: any[] = [];
      if (p.operation === 'executeQuery') {
        // p.query has been through the expression resolver, e.g. "... WHERE email = '{{ $json.email }}'"
        rows = (await client.query(p.query)).rows; //@vuln CWE-89
      } else if (p.operation === 'insert') {
        const cols = p.columns.split(',').map((c) => c.trim()).filter(Boolean);
        const sql = format('INSERT INTO %I.%I (%I) VALUES (%L) RETURNING *', schema, p.table, cols, cols.map((c) => item.json[c]));
        rows = (await client.query(sql)).rows; //@safe
      } else if (p.operation === 'update') {
        const assignments = Object.keys(item.json).filter((k) => k !== p.updateKey).map((k) => `${k} = '${String(item.json[k]).replace(/'/g, "''")}'`).join(', ');
        rows = (await client.query(`UPDATE ${schema}.${p.table} SET ${assignments} WHERE ${p.updateKey} = '${item.json[p.updateKey]}' RETURNING *`)).rows; //@vuln CWE-89
      } else if (p.operation === 'select') {
        const conditions = Object.entries(p.where ?? {}).map(([col, val]) => `${col} = '${val}'`);
        rows = (await client.query(`SELECT * FROM ${schema}.${p.table}${conditions.length ? ' WHERE ' + conditions.join(' AND ') : ''} LIMIT ${Number(p.limit) || 50}`)).rows; //@vuln CWE-89
      }
      out.push(...rows.map((r) => ({ json: r })));
    }
  } finally {
    await client.end();
  }
  return out;
}

async function runMysql(ctx: Ctx, creds: DbCredentials): Promise<NodeItem[]> {
  const conn = await mysql.createConnection({ host: creds.host, port: creds.port, database: creds.database, user: creds.user, password: creds.password, ssl: creds.ssl ? {} : undefined });
  try {
    const first = ctx.getParameters(0);
    if (first.operation === 'delete') {
      const ids = ctx.items.map((it) => it.json.id).filter((id) => id !== undefined && id !== null);
      if (ids.length === 0) return [];
      const [result] = await conn.query(`DELETE FROM \`${first.table}\` WHERE id IN (${ids.join(', ')})`); //@vuln CWE-89
      return [{ json: { deleted: (result as mysql.ResultSetHeader).affectedRows } }];
    }
    const out: NodeItem[] = [];
    for (let i = 0; i < ctx.items.length; i++) {
      const p = ctx.getParameters(i);
      const value = ctx.items[i].json[p.lookupColumn];
      const [rows] = await conn.query('SELECT * FROM ?? WHERE ?? = ? LIMIT ?', [p.table, p.lookupColumn, String(value ?? ''), Number(p.limit) || 50]); //@safe
      out.push(...(rows as any[]).map((r) => ({ json: r })));
    }
    return out;
  } finally {
    await conn.end();
  }
}

async function runMongo(ctx: Ctx, creds: DbCredentials): Promise<NodeItem[]> {
  const client = new MongoClient(creds.connectionString ?? `mongodb://${creds.host}:${creds.port}`, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  try {
    const out: NodeItem[] = [];
    for (let i = 0; i < ctx.items.length; i++) {
      const p = ctx.getParameters(i);
      const item = ctx.items[i];
      const coll = client.db(creds.database).collection(p.collection);
      let docs: any[];
      switch (p.operation) {
        case 'findById':
          docs = await coll.find({ _id: new ObjectId(String(item.json.id)) }).toArray(); //@safe
          break;
        case 'findByField':
          // typically field = "email" and the item is the incoming webhook body
          docs = await coll.find({ [p.field]: item.json[p.field] }).limit(Number(p.limit) || 50).toArray(); //@vuln CWE-943
          break;
        case 'findByOwner':
          docs = await coll.find({ $where: `this.owner === '${item.json.owner}' && !this.archived` }).toArray(); //@vuln CWE-943
          break;
        default:
          throw new Error(`Operation "${p.operation}" is not supported for MongoDB`);
      }
      out.push(...docs.map((d) => ({ json: { ...d, _id: String(d._id) } })));
    }
    return out;
  } finally {
    await client.close();
  }
}

export const DatabaseNode: NodeType<DatabaseParameters> = {
  name: 'flowhub-nodes.database',
  displayName: 'Database',
  async execute(ctx) {
    const { database } = ctx.getParameters(0);
    const creds = await ctx.getCredentials<DbCredentials>(database);
    if (database === 'postgres') return runPostgres(ctx, creds);
    if (database === 'mysql') return runMysql(ctx, creds);
    return runMongo(ctx, creds);
  },
};
