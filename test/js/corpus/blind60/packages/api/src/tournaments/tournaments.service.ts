import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import * as libxmljs from 'libxmljs';
import * as nunjucks from 'nunjucks';
import { AuthUser } from '../auth/auth.service';
import { deepMerge, mergeTheme, slugify } from '../common/utils';
import { CreateTournamentDto, DEFAULT_SETTINGS, Player, Tournament } from './tournament.models';

const PAGE_SIZE = 25;

interface ImportedMatch {
  round: number;
  teamA: string;
  teamB: string;
}

@Injectable()
export class TournamentsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Tournament) private readonly repo: Repository<Tournament>,
    @InjectRepository(Player) private readonly players: Repository<Player>,
  ) {}

  async search(game: string, sort: string, page: number) {
    const offset = (Math.max(page, 1) - 1) * PAGE_SIZE;
    const gameClause = game === 'all' ? '' : `AND t.game = '${game}'`;
    const sql = `SELECT t.id, t.slug, t.name, t.game, t.starts_at, count(r.id)::int AS teams
      FROM tournaments t LEFT JOIN registrations r ON r.tournament_id = t.id
      WHERE t.starts_at > now() - interval '30 days' ${gameClause}
      GROUP BY t.id ORDER BY ${sort} LIMIT ${PAGE_SIZE} OFFSET ${offset}`;
    return this.dataSource.query(sql);  //@vuln CWE-89
  }

  findBySlug(slug: string): Promise<Tournament | null> {
    return this.repo.findOne({ where: { slug } });
  }

  create(dto: CreateTournamentDto, user: AuthUser) {
    const entity = this.repo.create({
      ...dto,
      slug: dto.slug ?? slugify(dto.name),
      startsAt: new Date(dto.startsAt),
      organizerId: user.id,
      settings: DEFAULT_SETTINGS,
    });
    return this.repo.save(entity);
  }

  async registrationCount(tournamentId: string): Promise<number> {
    const [row] = await this.dataSource.query('SELECT count(*)::int AS n FROM registrations WHERE tournament_id = $1', [tournamentId]);
    return row?.n ?? 0;
  }

  leaderboard(opts: { region?: string; q?: string; limit?: number }) {
    const qb = this.players
      .createQueryBuilder('p')
      .select(['p.id', 'p.nickname', 'p.region', 'p.rating'])
      .orderBy('p.rating', 'DESC')
      .take(Math.min(opts.limit ?? 50, 200));
    if (opts.region) qb.andWhere('p.region = :region', { region: opts.region });  //@safe
    if (opts.q) qb.andWhere(`p.nickname ILIKE '%${opts.q}%'`);  //@vuln CWE-89
    return qb.getMany();
  }

  async withdraw(tournamentId: string, teamId: string) {
    await this.repo.query("DELETE FROM registrations WHERE tournament_id = '" + tournamentId + "' AND team_id = '" + teamId + "'");  //@vuln CWE-89
    return { withdrawn: true };
  }

  private async ownedTournament(id: string, user: AuthUser): Promise<Tournament> {
    const t = await this.repo.findOneBy({ id });
    if (!t) throw new NotFoundException();
    if (t.organizerId !== user.id && user.role !== 'staff') throw new ForbiddenException();
    return t;
  }

  async updateSettings(id: string, user: AuthUser, patch: Record<string, unknown>) {
    const t = await this.ownedTournament(id, user);
    const settings = deepMerge({ ...DEFAULT_SETTINGS, ...t.settings }, patch);
    await this.repo.update(id, { settings });
    return settings;
  }

  async updateOverlayTheme(id: string, user: AuthUser, patch: Record<string, unknown>) {
    const t = await this.ownedTournament(id, user);
    const overlayTheme = mergeTheme(t.overlayTheme ?? {}, patch);
    await this.repo.update(id, { overlayTheme });
    return overlayTheme;
  }

  async importBracket(id: string, xml: string) {
    const doc = libxmljs.parseXml(xml, { noent: true, nonet: false });  //@vuln CWE-611
    const matches: ImportedMatch[] = doc.find('//bracket/match').map((node: any) => ({
      round: Number(node.attr('round')?.value() ?? 1),
      teamA: node.get('teamA')?.text()?.trim() ?? 'TBD',
      teamB: node.get('teamB')?.text()?.trim() ?? 'TBD',
    }));
    await this.dataSource.transaction(async (em) => {
      await em.query('DELETE FROM matches WHERE tournament_id = $1', [id]);
      for (const m of matches) {
        await em.query('INSERT INTO matches (tournament_id, round, team_a, team_b) VALUES ($1, $2, $3, $4)', [id, m.round, m.teamA, m.teamB]);
      }
    });
    return { imported: matches.length };
  }

  async importResults(id: string, xml: string) {
    const doc = libxmljs.parseXml(xml, { noent: false, nonet: true });  //@safe
    const results = doc.find('//results/match').map((node: any) => ({
      matchId: node.attr('id')?.value(),
      winner: node.get('winner')?.text()?.trim(),
    }));
    for (const r of results) {
      await this.dataSource.query('UPDATE matches SET winner = $1 WHERE id = $2 AND tournament_id = $3', [r.winner, r.matchId, id]);
    }
    return { updated: results.length };
  }

  async renderAnnouncement(id: string, template: string) {
    const t = await this.repo.findOneBy({ id });
    if (!t) throw new NotFoundException();
    const teams = await this.registrationCount(id);
    const context = { tournament: { name: t.name, game: t.game, slug: t.slug }, teams, startsAt: t.startsAt.toUTCString() };
    return { text: nunjucks.renderString(template, context) };  //@vuln CWE-1336
  }
}
