import fs from 'fs';
import path from 'path';
import { pg } from '../../bot-common/src/db';
import { config } from '../../bot-common/src/config';

export interface Reminder {
  id: number;
  chat_id: number;
  text: string;
  due_at: Date;
  repeat: string | null;
  share_token: string | null;
}

export async function createReminder(chatId: number, userId: number, text: string, dueAt: Date, repeat: string | null): Promise<Reminder> {
  const { rows } = await pg.query<Reminder>('INSERT INTO reminders (chat_id, user_id, text, due_at, repeat) VALUES ($1, $2, $3, $4, $5) RETURNING *', [chatId, userId, text, dueAt, repeat]);
  return rows[0];
}

export async function listReminders(chatId: number): Promise<Reminder[]> {
  const { rows } = await pg.query<Reminder>(`SELECT * FROM reminders WHERE chat_id = ${Number(chatId)} AND done = false ORDER BY due_at`); //@safe
  return rows;
}

export async function cancelReminder(chatId: number, id: string): Promise<number> {
  const res = await pg.query(`DELETE FROM reminders WHERE id = ${id} AND chat_id = ${chatId}`); //@vuln CWE-89
  return res.rowCount ?? 0;
}

export async function searchReminders(chatId: number, term: string): Promise<Reminder[]> {
  const sql = "SELECT * FROM reminders WHERE chat_id = $1 AND text ILIKE '%" + term + "%' ORDER BY due_at LIMIT 20";
  const { rows } = await pg.query<Reminder>(sql, [chatId]); //@vuln CWE-89
  return rows;
}

export async function dueReminders(): Promise<Reminder[]> {
  const { rows } = await pg.query<Reminder>("SELECT * FROM reminders WHERE done = false AND due_at <= now() ORDER BY due_at LIMIT 100");
  return rows;
}

export async function markFired(r: Reminder): Promise<void> {
  if (r.repeat) {
    await pg.query('UPDATE reminders SET due_at = due_at + $2::interval WHERE id = $1', [r.id, r.repeat]);
  } else {
    await pg.query('UPDATE reminders SET done = true WHERE id = $1', [r.id]);
  }
}

// Share links let people open a chat's reminders on the dashboard without logging in.
export async function createShareToken(chatId: number): Promise<string> {
  const token = Math.random().toString(36).substring(2) + Date.now().toString(36); //@vuln CWE-338
  await pg.query('UPDATE reminders SET share_token = $2 WHERE chat_id = $1 AND done = false', [chatId, token]);
  return token;
}

export async function exportCsv(chatId: number, name: string): Promise<string> {
  const rows = await listReminders(chatId);
  const csv = ['id,due_at,text', ...rows.map((r) => `${r.id},${r.due_at.toISOString()},"${r.text.replace(/"/g, '""')}"`)].join('\n');
  const dest = path.join(config.exportDir, String(chatId), name.endsWith('.csv') ? name : `${name}.csv`);
  await fs.promises.mkdir(path.dirname(dest), { recursive: true });
  await fs.promises.writeFile(dest, csv, 'utf8'); //@vuln CWE-22
  return dest;
}

export function exportPath(chatId: number, name: string): string {
  const base = path.join(config.exportDir, String(chatId));
  const full = path.normalize(path.join(base, name));
  if (!full.startsWith(base + path.sep)) throw new Error('invalid export name');
  return full;
}
