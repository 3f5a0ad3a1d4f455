import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Sequelize, Op } from 'sequelize';
import knexFactory from 'knex';
import format from 'pg-format';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Order } from './order.entity';

const knex = knexFactory({ client: 'pg' });
const sequelize = new Sequelize(process.env.DB_URL!);
const orm = drizzle(process.env.DB_URL!);

export class OrdersRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByStatus(status: string) {
    return this.dataSource.query(`SELECT * FROM orders WHERE status = '${status}'`); //@vuln CWE-89
  }

  findByStatusSafe(status: string) {
    return this.dataSource.query('SELECT * FROM orders WHERE status = $1', [status]); //@safe
  }
}

@Injectable()
export class OrdersService {
  constructor(
    @InjectRepository(Order) private readonly repo: Repository<Order>,
    private readonly orders: OrdersRepository,
  ) {}

  search(customer: string, sort: string) {
    return this.repo
      .createQueryBuilder('o')
      .where(`o.customer = '${customer}'`) //@vuln CWE-89
      .orderBy(sort)
      .getMany();
  }

  searchSafe(customer: string) {
    return this.repo.createQueryBuilder('o').where('o.customer = :customer', { customer }).getMany(); //@safe
  }

  totals(region: string) {
    return knex('orders').whereRaw(`region = '${region}'`).sum('total'); //@vuln CWE-89
  }

  totalsSafe(region: string) {
    return knex('orders').whereRaw('region = ?', [region]).sum('total'); //@safe
  }

  recent(days: string) {
    return Order.findAll({ where: sequelize.literal(`created_at > now() - interval '${days} days'`) }); //@vuln CWE-89
  }

  byCustomerSeq(name: string) {
    return Order.findAll({ where: { customer: { [Op.eq]: name } } }); //@safe
  }

  archive(table: string) {
    return sequelize.query(format('DELETE FROM %I WHERE archived = true', table)); //@safe
  }

  archiveBad(table: string, cond: string) {
    return sequelize.query(format('DELETE FROM %I WHERE %s', table, cond)); //@vuln CWE-89
  }

  drizzleSearch(term: string) {
    return orm.execute(sql.raw(`SELECT * FROM orders WHERE note LIKE '%${term}%'`)); //@vuln CWE-89
  }

  drizzleSafe(term: string) {
    return orm.execute(sql`SELECT * FROM orders WHERE note LIKE ${'%' + term + '%'}`); //@safe
  }
}

export function ordersController(app: any, service: OrdersService, repo: OrdersRepository) {
  app.get('/orders', (req: any, res: any) => service.search(req.query.customer, 'o.id').then((r) => res.json(r)));
  app.get('/orders/status', (req: any, res: any) => repo.findByStatus(req.query.status).then((r: unknown) => res.json(r)));
  app.get('/orders/totals', async (req: any, res: any) => res.json(await service.totals(req.query.region)));
  app.get('/orders/recent', async (req: any, res: any) => res.json(await service.recent(req.query.days)));
  app.get('/orders/drizzle', async (req: any, res: any) => res.json(await service.drizzleSearch(req.query.q)));
  app.delete('/orders/archive', async (req: any, res: any) => res.json(await service.archiveBad(req.body.table, req.body.cond)));
}
