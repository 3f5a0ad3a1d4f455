import { PrismaClient } from '@prisma/client';

declare global {
  // eslint-disable-next-line no-var
  var __prisma: PrismaClient | undefined;
}

export const prisma = globalThis.__prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== 'production') globalThis.__prisma = prisma;

export type TeamRow = {
  id: string;
  name: string;
  tag: string;
  logo_url: string | null;
  rating: number;
};

export type BracketMatch = {
  id: string;
  round: number;
  teamA: string;
  teamB: string;
  scoreA: number;
  scoreB: number;
};

export function getTournamentBySlug(slug: string) {
  return prisma.tournament.findUnique({
    where: { slug },
    include: { organizer: { select: { displayName: true } } },
  });
}

export async function getTeamBySlug(slug: string): Promise<TeamRow | null> {
  const rows = await prisma.$queryRaw<TeamRow[]>`SELECT id, name, tag, logo_url, rating FROM teams WHERE slug = ${slug} LIMIT 1`;  //@safe
  return rows[0] ?? null;
}

export function searchRegisteredTeams(tournamentId: string, term: string) {
  const sql = `SELECT t.id, t.name, t.tag, t.logo_url, t.rating
    FROM teams t JOIN registrations r ON r.team_id = t.id
    WHERE r.tournament_id = $1 AND t.name ILIKE '%${term}%'
    ORDER BY t.rating DESC LIMIT 64`;
  return prisma.$queryRawUnsafe<TeamRow[]>(sql, tournamentId);  //@vuln CWE-89
}

export function teamsByRegion(region: string) {
  return prisma.$queryRawUnsafe<TeamRow[]>('SELECT id, name, tag, logo_url, rating FROM teams WHERE region = $1 ORDER BY rating DESC LIMIT 25', region);  //@safe
}

export function setCheckInNote(teamId: string, captainId: string, note: string) {
  return prisma.$executeRawUnsafe(`UPDATE registrations SET checkin_note = '${note}', checked_in_at = now() WHERE team_id = '${teamId}' AND captain_id = '${captainId}'`);  //@vuln CWE-89
}

export async function getBracket(tournamentId: string): Promise<BracketMatch[]> {
  const matches = await prisma.match.findMany({
    where: { tournamentId },
    orderBy: [{ round: 'asc' }, { createdAt: 'asc' }],
  });
  return matches.map((m) => ({
    id: m.id,
    round: m.round,
    teamA: m.teamA,
    teamB: m.teamB,
    scoreA: m.scoreA ?? 0,
    scoreB: m.scoreB ?? 0,
  }));
}
