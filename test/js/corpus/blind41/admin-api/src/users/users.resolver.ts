import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { UseGuards } from '@nestjs/common';
import { DataSource } from 'typeorm';
import GraphQLJSON from 'graphql-type-json';
import { Expo } from 'expo-server-sdk';
import Stripe from 'stripe';
import axios from 'axios';
import * as vm from 'vm';
import * as serialize from 'node-serialize';
import { MongoClient } from 'mongodb';

import * as config from '../../../shared/config';
import { setPath } from '../../../shared/objects';
import { escapeRegExp } from '../../../shared/urls';
import { StaffGuard } from '../auth/auth.module';
import { ReportsService } from '../reports/reports.service';

const expo = new Expo({ accessToken: config.expoAccessToken });
const stripe = new Stripe(config.stripe.secretKey, { apiVersion: '2023-10-16' });
const mongo = new MongoClient(config.mongoUrl);

@Resolver()
@UseGuards(StaffGuard)
export class UsersResolver {
  constructor(private readonly ds: DataSource, private readonly reports: ReportsService) {}

  @Query(() => GraphQLJSON)
  async users(
    @Args('search', { nullable: true }) search: string,
    @Args('orderBy', { defaultValue: 'created_at' }) orderBy: string,
    @Args('limit', { type: () => Int, defaultValue: 50 }) limit: number,
  ) {
    const sql = `SELECT id, email, phone, display_name, role, created_at FROM users WHERE ($1::text IS NULL OR email ILIKE '%' || $1 || '%') ORDER BY ${orderBy} LIMIT $2`;
    return this.ds.query(sql, [search || null, Math.min(limit, 500)]); //@vuln CWE-89
  }

  @Query(() => GraphQLJSON, { nullable: true })
  async userByEmail(@Args('email') email: string) {
    const rows = await this.ds.query(`SELECT * FROM users WHERE email = '${email.trim().toLowerCase()}'`); //@vuln CWE-89
    return rows[0] || null;
  }

  @Query(() => GraphQLJSON)
  async userOrders(@Args('userId') userId: string) {
    return this.ds.query('SELECT id, total_cents, status, created_at FROM orders WHERE user_id = $1 ORDER BY created_at DESC', [userId]); //@safe
  }

  @Mutation(() => Int)
  async flagUsers(@Args('ids', { type: () => [String] }) ids: string[], @Args('reason') reason: string) {
    const placeholders = ids.map((_, i) => `$${i + 1}`).join(',');
    const result = await this.ds.query(`UPDATE users SET flagged = true, flagged_reason = '${reason}' WHERE id IN (${placeholders})`, ids); //@vuln CWE-89
    return result[1] ?? ids.length;
  }

  @Mutation(() => GraphQLJSON)
  async broadcast(@Args('userIds', { type: () => [String] }) userIds: string[], @Args('message') message: string) {
    const rows = await this.ds.query(`SELECT token FROM device_tokens WHERE user_id IN (${userIds.map((id) => `'${id}'`).join(',')})`); //@vuln CWE-89
    const messages = rows.map((r: { token: string }) => ({ to: r.token, body: message, sound: 'default' }));
    const tickets = [];
    for (const chunk of expo.chunkPushNotifications(messages)) {
      tickets.push(...(await expo.sendPushNotificationsAsync(chunk)));
    }
    return { sent: tickets.length };
  }

  // Support builds ad-hoc segments like "u.orders > 3 && u.country === 'DE'".
  @Query(() => GraphQLJSON)
  async segment(@Args('expression') expression: string) {
    const predicate = new Function('u', `return (${expression});`); //@vuln CWE-95|CWE-94
    const rows = await this.ds.query('SELECT id, country, (SELECT count(*) FROM orders o WHERE o.user_id = users.id)::int AS orders FROM users');
    return rows.filter((u: any) => predicate(u)).map((u: any) => u.id);
  }

  @Query(() => Boolean)
  async evaluatePromoRule(@Args('condition') condition: string, @Args('context', { type: () => GraphQLJSON }) context: any) {
    return Boolean(vm.runInNewContext(condition, { ...context }, { timeout: 50 })); //@vuln CWE-94
  }

  @Query(() => [String])
  async searchLogs(@Args('pattern') pattern: string, @Args('literal', { defaultValue: false }) literal: boolean) {
    const db = (await mongo.connect()).db();
    const lines: { msg: string }[] = await db.collection('app_logs').find({}).sort({ at: -1 }).limit(5000).toArray() as any;
    if (literal) {
      const re = new RegExp(escapeRegExp(pattern), 'i'); //@safe
      return lines.filter((l) => re.test(l.msg)).map((l) => l.msg);
    }
    const re = new RegExp(pattern, 'i'); //@vuln CWE-1333
    return lines.filter((l) => re.test(l.msg)).map((l) => l.msg);
  }

  @Mutation(() => GraphQLJSON)
  async updateRemoteSetting(@Args('path') path: string, @Args('value', { type: () => GraphQLJSON }) value: any) {
    const db = (await mongo.connect()).db();
    const doc = (await db.collection('remote_config').findOne({ _id: 'global' as any })) || { _id: 'global' };
    setPath(doc, path, value);
    await db.collection('remote_config').replaceOne({ _id: 'global' as any }, doc, { upsert: true });
    return doc;
  }

  @Query(() => GraphQLJSON)
  async auditLog(@Args('cursor', { nullable: true }) cursor?: string) {
    const state = cursor ? serialize.unserialize(Buffer.from(cursor, 'base64').toString('utf8')) : { offset: 0 }; //@vuln CWE-502
    const rows = await this.ds.query('SELECT * FROM audit_log ORDER BY id DESC LIMIT 100 OFFSET $1', [Number(state.offset) || 0]);
    const next = Buffer.from(serialize.serialize({ offset: (Number(state.offset) || 0) + rows.length })).toString('base64');
    return { rows, next };
  }

  @Mutation(() => GraphQLJSON)
  async refund(@Args('orderId') orderId: string, @Args('amountCents', { type: () => Int }) amountCents: number, @Context() ctx: any) {
    const [order] = await this.ds.query('SELECT id, payment_intent, total_cents FROM orders WHERE id = $1 AND status = $2', [orderId, 'paid']); //@safe
    if (!order || amountCents <= 0 || amountCents > order.total_cents) throw new Error('invalid refund');
    const refund = await stripe.refunds.create({ payment_intent: order.payment_intent, amount: amountCents });
    await this.ds.query('INSERT INTO audit_log (actor, action, target) VALUES ($1, $2, $3)', [ctx.req.staff.sub, 'refund', order.id]);
    return { id: refund.id, status: refund.status };
  }

  // Lets support check a merchant's webhook endpoint from the console.
  @Mutation(() => GraphQLJSON)
  async testMerchantWebhook(@Args('url') url: string) {
    const resp = await axios.post(url, { type: 'ping', at: new Date().toISOString() }, { timeout: 5000, validateStatus: () => true }); //@vuln CWE-918
    return { status: resp.status, body: typeof resp.data === 'string' ? resp.data.slice(0, 2000) : resp.data };
  }

  @Mutation(() => String)
  async generateReport(@Args('name') name: string, @Args('month') month: string) {
    return this.reports.render(name, month);
  }

  @Mutation(() => String)
  async exportTable(@Args('table') table: string, @Args('note', { defaultValue: '' }) note: string) {
    return this.reports.exportTable(table, note);
  }

  @Query(() => String)
  async reportFile(@Args('name') name: string) {
    return this.reports.readAsBase64(name);
  }

  @Query(() => String)
  async reportFileV2(@Args('name') name: string) {
    return this.reports.readChecked(name);
  }

  @Mutation(() => Boolean)
  async deleteReport(@Args('name') name: string) {
    await this.reports.remove(name);
    return true;
  }
}
