import axios from 'axios';
import type Redis from 'ioredis';
import { config } from '../../../common/src/config';
import { createPartnerClient, describeAxiosError } from '../../../common/src/http';

export type Ticket = { playerId: number; rating: number; region: string; mode: string; callbackUrl?: string };

export class MatchmakingService {
  private partner = createPartnerClient(config.matchmaking.partnerBase, config.matchmaking.apiKey);

  constructor(private redis: Redis) {}

  async enqueue(ticket: Ticket): Promise<string> {
    if (!Object.prototype.hasOwnProperty.call(config.matchmaking.regions, ticket.region)) {
      throw new Error(`unknown region ${ticket.region}`);
    }
    const regionBase = config.matchmaking.regions[ticket.region];
    const body = { externalId: String(ticket.playerId), skill: ticket.rating, pool: ticket.mode };
    const { data } = await axios.post<{ ticketId: string }>(`${regionBase}/v2/tickets`, body, { headers: { 'x-api-key': config.matchmaking.apiKey }, timeout: 4000 }); //@safe

    await this.redis.hset(`mm:ticket:${data.ticketId}`, { playerId: String(ticket.playerId), region: ticket.region, callbackUrl: ticket.callbackUrl ?? '' });
    await this.redis.expire(`mm:ticket:${data.ticketId}`, 1800);
    return data.ticketId;
  }

  async cancel(ticketId: string) {
    await this.partner.delete(`/tickets/${encodeURIComponent(ticketId)}`);
    await this.redis.del(`mm:ticket:${ticketId}`);
  }

  /** Partner posts the match assignment; we forward it to the tournament bot that opened the ticket, if any. */
  async notifyResult(ticketId: string, match: { roomId: string; host: string; players: string[] }) {
    const t = await this.redis.hgetall(`mm:ticket:${ticketId}`);
    if (!t.playerId) return;
    await this.redis.publish(`mm:assigned:${t.playerId}`, JSON.stringify(match));
    if (t.callbackUrl) {
      await axios.post(t.callbackUrl, { ticketId, match }, { timeout: 3000 }).catch((e) => console.warn('[mm] callback failed', describeAxiosError(e))); //@vuln CWE-918
    }
  }
}
