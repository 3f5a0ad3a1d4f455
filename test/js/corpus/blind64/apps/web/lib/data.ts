import 'server-only';
import { PrismaClient } from '@prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma = globalForPrisma.prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;

export interface MentorNote {
  id: string;
  author: string;
  body: string;
  created_at: Date;
}

export interface LeaderboardRow {
  user_name: string;
  points: number;
  streak_days: number;
}

export async function getLesson(slug: string) {
  return prisma.lesson.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, body: true, course: { select: { slug: true, title: true } } },
  });
}

export async function getMentorNotes(lessonSlug: string, revision?: string): Promise<MentorNote[]> {
  const revisionClause = revision ? `AND n.lesson_revision = '${revision}'` : '';
  return prisma.$queryRawUnsafe<MentorNote[]>(`SELECT n.id, n.author, n.body, n.created_at FROM mentor_notes n WHERE n.lesson_slug = $1 ${revisionClause} ORDER BY n.created_at`, lessonSlug);  //@vuln CWE-89
}

export async function searchLessons(term: string) {
  const pattern = `%${term}%`;
  return prisma.$queryRaw<{ slug: string; title: string }[]>`SELECT slug, title FROM lessons WHERE title ILIKE ${pattern} ORDER BY title LIMIT 20`;  //@safe
}

export async function getLeaderboard(cohort: string, sortBy: string): Promise<LeaderboardRow[]> {
  return prisma.$queryRawUnsafe<LeaderboardRow[]>(`SELECT user_name, points, streak_days FROM leaderboard WHERE cohort = $1 ORDER BY ${sortBy} DESC LIMIT 25`, cohort);  //@vuln CWE-89
}
