import { Body, Controller, Get, Injectable, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Model } from 'mongoose';
import { Response } from 'express';
import { AuthedRequest, JwtAuthGuard } from '../auth/auth.service';
import { escapeHtml } from '../common/utils';

@Schema({ collection: 'chat_messages', timestamps: { createdAt: 'sentAt', updatedAt: false } })
export class ChatMessage {
  @Prop({ required: true, index: true }) matchId!: string;
  @Prop({ required: true }) author!: string;
  @Prop({ required: true, maxlength: 500 }) body!: string;
  @Prop({ default: false }) hidden!: boolean;
  sentAt!: Date;
}
export type ChatMessageDocument = HydratedDocument<ChatMessage>;
export const ChatMessageSchema = SchemaFactory.createForClass(ChatMessage);

@Schema({ collection: 'chat_mutes' })
export class ChatMute {
  @Prop({ required: true, index: true }) matchId!: string;
  @Prop({ required: true }) userId!: string;
  @Prop({ required: true }) appealCode!: string;
  @Prop() expiresAt?: Date;
}
export const ChatMuteSchema = SchemaFactory.createForClass(ChatMute);

export interface ChatFilter {
  author?: any;
  limit?: string;
}

@Injectable()
export class ChatStore {
  constructor(
    @InjectModel(ChatMessage.name) private readonly messages: Model<ChatMessage>,
    @InjectModel(ChatMute.name) private readonly mutes: Model<ChatMute>,
  ) {}

  recent(matchId: string, limit = 100) {
    return this.messages.find({ matchId: String(matchId), hidden: false }).sort({ sentAt: -1 }).limit(Math.min(limit, 500)).lean();  //@safe
  }

  byAuthor(matchId: string, filter: ChatFilter) {
    const { author, limit = '100' } = filter;
    return this.messages.find({ matchId, author, hidden: false }).limit(Math.min(Number(limit) || 100, 500)).lean();  //@vuln CWE-943
  }

  searchText(matchId: string, keyword: string) {
    const needle = keyword.toLowerCase();
    return this.messages.find({ matchId: String(matchId), $where: `this.body.toLowerCase().indexOf('${needle}') !== -1` }).limit(200).lean();  //@vuln CWE-943
  }

  async appealMute(matchId: string, userId: string, code: unknown): Promise<boolean> {
    const mute = await this.mutes.findOne({ matchId, userId, appealCode: code });  //@vuln CWE-943
    if (!mute) return false;
    await mute.deleteOne();
    return true;
  }
}

@Controller('matches/:matchId/chat')
export class ChatController {
  constructor(private readonly chat: ChatStore) {}

  @Get()
  list(@Param('matchId') matchId: string, @Query() query: ChatFilter) {
    return query.author ? this.chat.byAuthor(matchId, query) : this.chat.recent(matchId);
  }

  @Get('search')
  search(@Param('matchId') matchId: string, @Query('q') q?: string) {
    return this.chat.searchText(matchId, q ?? '');
  }

  @Post('appeal')
  @UseGuards(JwtAuthGuard)
  appeal(@Param('matchId') matchId: string, @Body('code') code: unknown, @Req() req: AuthedRequest) {
    return this.chat.appealMute(matchId, req.user.id, code).then((ok) => ({ unmuted: ok }));
  }

  @Get('transcript')
  async transcript(@Param('matchId') matchId: string, @Query('title') title = 'Match chat', @Res() res: Response) {
    const messages = await this.chat.recent(matchId, 500);
    const items = messages
      .reverse()
      .map((m) => `<li><time>${new Date(m.sentAt).toISOString()}</time> <b>${escapeHtml(m.author)}</b>: ${escapeHtml(m.body)}</li>`)
      .join('\n');
    res.type('html').send(`<!doctype html><title>${title}</title><h1>${title}</h1><ul class="chat">${items}</ul>`);  //@vuln CWE-79
  }

  @Get('embed')
  async embed(@Param('matchId') matchId: string, @Query('theme') theme = 'dark', @Res() res: Response) {
    const messages = await this.chat.recent(matchId, 50);
    const themeClass = theme === 'light' ? 'light' : 'dark';
    const rows = messages.map((m) => `<div class="msg"><span class="author">${escapeHtml(m.author)}</span> ${escapeHtml(m.body)}</div>`).join('');
    res.type('html').send(`<!doctype html><body class="${themeClass}" data-match="${escapeHtml(matchId)}">${rows}</body>`);  //@safe
  }
}
