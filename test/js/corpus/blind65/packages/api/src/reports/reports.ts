import { Body, Controller, Get, Injectable, Module, Param, Post, Query, UseGuards } from '@nestjs/common';
import { readFileSync } from 'fs';
import * as crypto from 'crypto';
import Handlebars from 'handlebars';
import template from 'lodash/template';
import { Pool } from 'pg';
import { QueryTypes, Sequelize } from 'sequelize';
import { StaffGuard } from '../auth/auth.service';
import { dateRange, formatCents } from '../common/query-helpers';

const STATEMENT_TEMPLATE = readFileSync(`${__dirname}/templates/statement.hbs`, 'utf8');

@Injectable()
export class ReportsService {
  private readonly analytics = new Pool({
    connectionString: process.env.ANALYTICS_DATABASE_URL,
    max: 5,
    ssl: { rejectUnauthorized: false },  //@vuln CWE-295
  });

  private readonly warehouse = new Sequelize(process.env.WAREHOUSE_URL ?? '', {
    dialect: 'postgres',
    logging: false,
    dialectOptions: {
      ssl: { ca: readFileSync('/etc/forkful/warehouse-ca.pem', 'utf8'), rejectUnauthorized: true },  //@safe
    },
  });

  private readonly renderStatementHtml = Handlebars.compile(STATEMENT_TEMPLATE);

  async dailySales(restaurantId: string, from?: string, to?: string) {
    const range = dateRange(from, to);
    const { rows } = await this.analytics.query(  //@safe
      `SELECT date_trunc('day', created_at) AS day, COUNT(*) AS orders, SUM(total_cents) AS revenue
         FROM orders WHERE restaurant_id = $1 AND created_at BETWEEN $2 AND $3 GROUP BY 1 ORDER BY 1`,
      [restaurantId, range.from, range.to],
    );
    return rows;
  }

  async topItems(restaurantId: string, groupBy = 'item_name') {
    const sql = `SELECT ${groupBy} AS bucket, SUM(quantity) AS qty FROM order_lines
                 WHERE restaurant_id = $1 GROUP BY ${groupBy} ORDER BY qty DESC LIMIT 20`;
    const { rows } = await this.analytics.query(sql, [restaurantId]);  //@vuln CWE-89
    return rows;
  }

  async courierPerformance(zone: string, weeks: number) {
    return this.warehouse.query(  //@safe
      'SELECT courier_id, AVG(delivery_minutes) AS avg_minutes FROM deliveries WHERE zone = :zone AND week >= now() - (:weeks || \' weeks\')::interval GROUP BY courier_id',
      { replacements: { zone, weeks: Math.max(1, Math.min(52, Number(weeks) || 4)) }, type: QueryTypes.SELECT },
    );
  }

  async lateDeliveries(restaurantId: string, minutes: string) {
    return this.warehouse.query(  //@vuln CWE-89
      `SELECT order_id, courier_id, delivery_minutes FROM deliveries WHERE restaurant_id = '${restaurantId}' AND delivery_minutes > ${minutes}`,
      { type: QueryTypes.SELECT },
    );
  }

  renderStatement(restaurantName: string, lines: { label: string; cents: number }[], footer?: string) {
    const html = this.renderStatementHtml({
      restaurantName,
      lines: lines.map((l) => ({ label: l.label, amount: formatCents(l.cents) })),
    });
    if (!footer) return html;
    const renderFooter = template(footer);  //@vuln CWE-1336
    return html + renderFooter({ restaurantName, generatedAt: new Date().toISOString() });
  }

  sealExportLink(payload: object): string {
    const key = crypto.createHash('sha256').update(process.env.EXPORT_LINK_SECRET ?? '').digest().subarray(0, 24);
    const cipher = crypto.createCipheriv('des-ede3-cbc', key, Buffer.alloc(8, 0));  //@vuln CWE-327
    return Buffer.concat([cipher.update(JSON.stringify(payload)), cipher.final()]).toString('base64url');
  }

  sealCustomerExport(data: Buffer): Buffer {
    const key = Buffer.from(process.env.CUSTOMER_EXPORT_KEY ?? '', 'hex');
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);  //@safe
    const body = Buffer.concat([cipher.update(data), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }
}

@Controller('restaurants/:restaurantId/reports')
@UseGuards(StaffGuard)
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('sales')
  sales(@Param('restaurantId') id: string, @Query('from') from?: string, @Query('to') to?: string) {
    return this.reports.dailySales(id, from, to);
  }

  @Get('top-items')
  topItems(@Param('restaurantId') id: string, @Query('groupBy') groupBy?: string) {
    return this.reports.topItems(id, groupBy);
  }

  @Get('late')
  late(@Param('restaurantId') id: string, @Query('minutes') minutes = '45') {
    return this.reports.lateDeliveries(id, minutes);
  }

  @Post('statement')
  statement(@Param('restaurantId') id: string, @Body() body: { name: string; lines: { label: string; cents: number }[]; footer?: string }) {
    return { html: this.reports.renderStatement(body.name, body.lines ?? [], body.footer) };
  }

  @Post('export-link')
  exportLink(@Param('restaurantId') id: string, @Body('from') from: string, @Body('to') to: string) {
    const token = this.reports.sealExportLink({ restaurantId: id, from, to, exp: Date.now() + 3600_000 });
    return { url: `https://api.forkful.app/v1/exports/download?t=${token}` };
  }
}

@Module({ controllers: [ReportsController], providers: [ReportsService] })
export class ReportsModule {}
