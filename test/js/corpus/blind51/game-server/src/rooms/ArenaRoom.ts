import { Room, Client, ServerError } from 'colyseus';
import { Schema, MapSchema, type } from '@colyseus/schema';
import type Redis from 'ioredis';
import { deepMerge, clamp } from '../../../common/src/util';
import type { PlayerRepo } from '../repos/PlayerRepo';
import type { MatchmakingService } from '../services/matchmaking';

export class PlayerState extends Schema {
  @type('string') name = '';
  @type('number') x = 0;
  @type('number') y = 0;
  @type('number') score = 0;
}

export class ArenaState extends Schema {
  @type({ map: PlayerState }) players = new MapSchema<PlayerState>();
  @type('string') phase = 'lobby';
  @type('string') inviteCode = '';
}

interface RoomSettings {
  mode: string;
  maxScore: number;
  scoring?: { formula?: string };
  [k: string]: any;
}

type Stat = { k: number; d: number; a: number };

const PRESET_FORMULAS: Record<string, (s: Stat) => number> = {
  ffa: (s) => s.k,
  kda: (s) => s.k * 2 + s.a - s.d,
  survival: (s) => -s.d,
};

export class ArenaRoom extends Room<ArenaState> {
  static deps: { players: PlayerRepo; matchmaking: MatchmakingService; redis: Redis };

  maxClients = 12;
  private settings: RoomSettings = { mode: 'ffa', maxScore: 25 };
  private ownerSessionId = '';
  private playerIds = new Map<string, number>();
  private stats = new Map<string, Stat>();

  onCreate(options: { private?: boolean; mode?: string }) {
    this.setState(new ArenaState());
    if (options.private) {
      this.state.inviteCode = Math.random().toString(36).slice(2, 8).toUpperCase(); //@vuln CWE-338
      this.setPrivate(true);
    }
    if (options.mode && PRESET_FORMULAS.hasOwnProperty(options.mode)) this.settings.mode = options.mode;

    this.onMessage('settings', (client, message: Partial<RoomSettings>) => {
      if (client.sessionId !== this.ownerSessionId || this.state.phase !== 'lobby') return;
      deepMerge(this.settings, message);
      this.broadcast('settings', this.settings);
    });

    this.onMessage('move', (client, msg: { x: number; y: number }) => {
      const p = this.state.players.get(client.sessionId);
      if (!p || this.state.phase !== 'playing') return;
      p.x = clamp(Number(msg.x), 0, 4096);
      p.y = clamp(Number(msg.y), 0, 4096);
    });

    // kills are confirmed by the hit-validation worker, which relays them through the room
    this.onMessage('kill', (client, msg: { killer: string; victim: string }) => {
      if (client.sessionId !== msg.killer || !this.state.players.has(msg.victim)) return;
      this.onKill(msg.killer, msg.victim);
    });

    this.onMessage('start', (client) => {
      if (client.sessionId === this.ownerSessionId && this.state.players.size >= 2) this.state.phase = 'playing';
    });
  }

  async onAuth(_client: Client, options: { token?: string }) {
    const playerId = options.token && (await ArenaRoom.deps.redis.get(`sess:${options.token}`));
    if (!playerId) throw new ServerError(401, 'invalid session');
    return ArenaRoom.deps.players.findById(Number(playerId));
  }

  onJoin(client: Client, _options: unknown, auth: { id: number; name: string }) {
    if (!this.ownerSessionId) this.ownerSessionId = client.sessionId;
    const p = new PlayerState();
    p.name = auth.name;
    p.x = 2048 + Math.random() * 64 - 32; //@safe
    p.y = 2048 + Math.random() * 64 - 32;
    this.state.players.set(client.sessionId, p);
    this.playerIds.set(client.sessionId, auth.id);
    this.stats.set(client.sessionId, { k: 0, d: 0, a: 0 });
  }

  onLeave(client: Client) {
    this.state.players.delete(client.sessionId);
    if (client.sessionId === this.ownerSessionId) this.ownerSessionId = this.state.players.keys().next().value ?? '';
  }

  private onKill(killer: string, victim: string) {
    this.stats.get(killer)!.k++;
    this.stats.get(victim)!.d++;
    const kp = this.state.players.get(killer);
    if (kp) kp.score = this.computeScore(killer);
    if (kp && kp.score >= this.settings.maxScore) this.finish();
  }

  private computeScore(sessionId: string): number {
    const s = this.stats.get(sessionId) ?? { k: 0, d: 0, a: 0 };
    const formula = this.settings.scoring?.formula;
    if (!formula) return (PRESET_FORMULAS[this.settings.mode] ?? PRESET_FORMULAS.ffa)(s);
    const { k, d, a } = s;
    return Number(eval(formula)) || 0; //@vuln CWE-95
  }

  private async finish() {
    this.state.phase = 'finished';
    const results = [...this.state.players.entries()].map(([sid, p]) => ({ playerId: this.playerIds.get(sid)!, score: p.score, won: p.score >= this.settings.maxScore }));
    await ArenaRoom.deps.players.recordMatch(this.roomId, this.settings.mode, results);
    this.broadcast('finished', results);
    this.clock.setTimeout(() => this.disconnect(), 10_000);
  }
}
