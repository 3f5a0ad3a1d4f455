import { QueryTypes } from 'sequelize';
import type { RowDataPacket } from 'mysql2/promise';
import { gradebookPool, legacySequelize } from '../db';

export interface GradeRow extends RowDataPacket {
  student_email: string;
  assignment: string;
  score: number;
  graded_at: Date;
}

export interface CertificateFilter {
  cohort?: string;
  issuedAfter?: string;
}

export async function gradesForStudent(email: string) {
  const [rows] = await gradebookPool.execute<GradeRow[]>(  //@safe
    'SELECT student_email, assignment, score, graded_at FROM grades WHERE student_email = ? ORDER BY graded_at DESC',
    [email],
  );
  return rows;
}

export async function gradesForAssignment(cohort: string, assignment: string) {
  const [rows] = await gradebookPool.query<GradeRow[]>(`SELECT student_email, score, graded_at FROM grades WHERE cohort = '${cohort}' AND assignment = '${assignment}'`);  //@vuln CWE-89
  return rows;
}

export async function recordScore(email: string, assignment: string, score: number, mentorId: string) {
  await gradebookPool.execute(
    `INSERT INTO grades (student_email, assignment, score, graded_by, graded_at)
     VALUES (?, ?, ?, ?, NOW())
     ON DUPLICATE KEY UPDATE score = VALUES(score), graded_by = VALUES(graded_by), graded_at = NOW()`,
    [email, assignment, score, mentorId],
  );
}

export async function certificatesIssued(filter: CertificateFilter) {
  let where = '1 = 1';
  if (filter.cohort) where += ` AND cohort = '${filter.cohort}'`;
  if (filter.issuedAfter) where += ` AND issued_at > '${filter.issuedAfter}'`;
  return legacySequelize.query(`SELECT code, student_email, course_title, issued_at FROM certificates WHERE ${where} ORDER BY issued_at DESC`, { type: QueryTypes.SELECT });  //@vuln CWE-89
}

export async function certificateByCode(code: string) {
  const rows = await legacySequelize.query(  //@safe
    'SELECT code, student_email, course_title, issued_at FROM certificates WHERE code = :code',
    { replacements: { code }, type: QueryTypes.SELECT },
  );
  return rows[0] ?? null;
}
