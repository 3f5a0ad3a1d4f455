import { UseGuards } from '@nestjs/common';
import { Args, Field, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { EntityManager } from 'typeorm';
import GraphQLJSON from 'graphql-type-json';
import { JwtAuthGuard } from '../auth/auth.service';
import { escapeRegExp, setByPath } from '../common/utils';
import { MatchRow, Player } from '../tournaments/tournament.models';
import { TournamentsService } from '../tournaments/tournaments.service';

@InputType()
class StatLineInput {
  @Field(() => ID) playerId!: string;
  @Field(() => Int) kills!: number;
  @Field(() => Int) deaths!: number;
  @Field(() => Int) assists!: number;
}

@ObjectType()
class ScoreLine {
  @Field(() => ID) playerId!: string;
  @Field(() => Float) score!: number;
}

@Resolver(() => MatchRow)
@UseGuards(JwtAuthGuard)
export class MatchesResolver {
  constructor(
    private readonly em: EntityManager,
    private readonly tournaments: TournamentsService,
  ) {}

  @Query(() => [Player])
  leaderboard(
    @Args('region', { nullable: true }) region?: string,
    @Args('search', { nullable: true }) search?: string,
  ) {
    return this.tournaments.leaderboard({ region, q: search });
  }

  @Query(() => [Player])
  async playersMatching(@Args('pattern') pattern: string) {
    const matcher = new RegExp(pattern, 'i');  //@vuln CWE-1333
    const players = await this.em.find(Player, { select: ['id', 'nickname', 'region', 'rating'], take: 5000 });
    return players.filter((p) => matcher.test(p.nickname)).slice(0, 50);
  }

  @Query(() => [Player])
  async roster(@Args('teamTag') teamTag: string) {
    const tagPrefix = new RegExp(`^\\[${escapeRegExp(teamTag)}\\]\\s*`, 'i');  //@safe
    const players = await this.em.find(Player, { select: ['id', 'nickname', 'region', 'rating'], take: 5000 });
    return players.filter((p) => tagPrefix.test(p.nickname));
  }

  @Query(() => [MatchRow])
  matchHistory(@Args('playerId') playerId: string, @Args('game', { nullable: true }) game?: string) {
    let sql =
      'SELECT m.id, m.round, m.team_a AS "teamA", m.team_b AS "teamB", m.winner FROM matches m ' +
      "JOIN match_players mp ON mp.match_id = m.id WHERE mp.player_id = '" + playerId + "'";
    if (game) sql += " AND m.game = '" + game + "'";
    return this.em.query(sql + ' ORDER BY m.played_at DESC LIMIT 100');  //@vuln CWE-89
  }

  @Query(() => [MatchRow])
  bracket(@Args('tournamentId') tournamentId: string) {
    return this.em.query('SELECT id, round, team_a AS "teamA", team_b AS "teamB", winner FROM matches WHERE tournament_id = $1 ORDER BY round, id', [tournamentId]);
  }

  @Mutation(() => [ScoreLine])
  previewScoring(
    @Args('formula') formula: string,
    @Args({ name: 'stats', type: () => [StatLineInput] }) stats: StatLineInput[],
  ): ScoreLine[] {
    const score = new Function('kills', 'deaths', 'assists', `return (${formula});`) as (k: number, d: number, a: number) => number;  //@vuln CWE-94
    return stats.map(({ playerId, kills, deaths, assists }) => ({ playerId, score: Number(score(kills, deaths, assists)) || 0 }));
  }

  @Mutation(() => Boolean)
  async setMatchMeta(
    @Args('matchId') matchId: string,
    @Args('path') metaPath: string,
    @Args({ name: 'value', type: () => GraphQLJSON }) value: unknown,
  ) {
    const [row] = await this.em.query('SELECT meta FROM matches WHERE id = $1', [matchId]);
    const meta = row?.meta ?? {};
    setByPath(meta, metaPath, value);
    await this.em.query('UPDATE matches SET meta = $1 WHERE id = $2', [meta, matchId]);
    return true;
  }
}
