import { Brackets } from 'typeorm';
import { analytics, appDataSource, Course, reportingPool } from '../db';

const courses = () => appDataSource.getRepository(Course);

export interface CourseSearch {
  q?: string;
  status?: Course['status'];
  sort?: string;
  page?: number;
}

export interface LessonRow {
  id: string;
  slug: string;
  title: string;
  body?: string;
  position: number;
}

const SORTABLE: Record<string, string> = {
  title: 'course.title',
  price: 'course.priceCents',
  newest: 'course.createdAt',
};

export async function searchCourses({ q, status = 'published', sort, page = 1 }: CourseSearch) {
  const qb = courses().createQueryBuilder('course').where('course.status = :status', { status });
  if (q) {
    qb.andWhere(
      new Brackets((w) => {
        w.where('course.title ILIKE :q', { q: `%${q}%` }).orWhere('course.summary ILIKE :q', { q: `%${q}%` });
      }),
    );
  }
  qb.orderBy(SORTABLE[sort ?? ''] ?? 'course.title', 'ASC');
  return qb.skip((page - 1) * 20).take(20).getMany();
}

export async function findByCohort(cohortName: string, status: Course['status'] = 'published') {
  const qb = courses().createQueryBuilder('course').innerJoin('cohorts', 'cohort', 'cohort.id = course.cohort_id');
  return qb.where(`cohort.name = '${cohortName}' AND course.status = :status`, { status }).getMany();  //@vuln CWE-89
}

export async function lessonOutline(courseSlug: string): Promise<LessonRow[]> {
  return appDataSource.query(
    `SELECT l.id, l.slug, l.title, l.position
       FROM lessons l JOIN courses c ON c.id = l."courseId"
      WHERE c.slug = $1
      ORDER BY l.position`,
    [courseSlug],
  );
}

export async function lessonBySlug(courseSlug: string, lessonSlug: string): Promise<LessonRow | null> {
  const rows = await appDataSource.query(`SELECT l.* FROM lessons l JOIN courses c ON c.id = l."courseId" WHERE c.slug = '${courseSlug}' AND l.slug = '${lessonSlug}' LIMIT 1`);  //@vuln CWE-89
  return rows[0] ?? null;
}

export async function enrollmentReport(courseId: string, orderBy: string) {
  const sql =
    'SELECT u.email, e.progress, e.enrolled_at FROM enrollments e JOIN users u ON u.id = e.user_id ' +
    'WHERE e.course_id = $1 ORDER BY ' +
    orderBy;
  const { rows } = await reportingPool.query(sql, [courseId]);  //@vuln CWE-89
  return rows;
}

export async function revenueByMonth(from: string, to: string) {
  const { rows } = await reportingPool.query(  //@safe
    `SELECT date_trunc('month', paid_at) AS month, sum(amount_cents) AS revenue
       FROM payments WHERE paid_at BETWEEN $1 AND $2 GROUP BY 1 ORDER BY 1`,
    [from, to],
  );
  return rows;
}

export async function lessonTimeStats(courseSlug: string, aggregate: string) {
  return analytics.raw(  //@vuln CWE-89
    `SELECT lesson_slug, ${aggregate}(duration_seconds) AS value
       FROM lesson_events WHERE course_slug = ? GROUP BY lesson_slug`,
    [courseSlug],
  );
}

export async function activeLearners(courseSlug: string, days: number) {
  return analytics.raw(
    "SELECT count(DISTINCT user_id) AS learners FROM lesson_events WHERE course_slug = ? AND created_at > now() - (? * interval '1 day')",
    [courseSlug, days],
  );
}

export async function setCourseStatus(id: string, status: Course['status']) {
  await courses().update({ id }, { status });
}
