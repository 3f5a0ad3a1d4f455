// Real-estate listings service (NestJS) using knex, Prisma and Sequelize side by side during a migration
import { Controller, Get, Injectable, Param, ParseIntPipe, Query, Body, Post } from '@nestjs/common';
import { PrismaClient, Prisma } from '@prisma/client';
import knexFactory, { Knex } from 'knex';
import { Sequelize, QueryTypes } from 'sequelize';

const prisma = new PrismaClient();
const knex: Knex = knexFactory({ client: 'pg', connection: process.env.DATABASE_URL });
const sequelize = new Sequelize(process.env.DATABASE_URL as string);

const SORT_COLUMNS: Record<string, string> = { price: 'price', newest: 'listed_at', size: 'floor_area' };

export interface ListingFilter {
  city: string;
  minBeds?: number;
  sort?: string;
}

@Injectable()
export class ListingService {
  async byCity(filter: ListingFilter) {
    return knex('listings').where('city', filter.city).andWhere('beds', '>=', filter.minBeds ?? 0); //@safe
  }

  async byCityRaw(city: string) {
    return knex.raw(`SELECT * FROM listings WHERE city = '${city}'`); //@vuln CWE-89
  }

  async byPostcode(postcode: string) {
    return knex.raw('SELECT * FROM listings WHERE postcode = ?', [postcode]); //@safe
  }

  async nearStreet(street: string) {
    return knex('listings').whereRaw(`street ILIKE '%${street}%'`); //@vuln CWE-89
  }

  async nearStreetSafe(street: string) {
    return knex('listings').whereRaw('street ILIKE ?', [`%${street}%`]); //@safe
  }

  async sorted(sortKey: string) {
    const col = SORT_COLUMNS[sortKey] ?? 'listed_at';
    return knex('listings').orderByRaw(`${col} DESC`).limit(50); //@safe
  }

  async agentListings(agentEmail: string) {
    return prisma.$queryRawUnsafe(`SELECT * FROM "Listing" WHERE "agentEmail" = '${agentEmail}'`); //@vuln CWE-89
  }

  async agentListingsSafe(agentEmail: string) {
    return prisma.$queryRaw`SELECT * FROM "Listing" WHERE "agentEmail" = ${agentEmail}`; //@safe
  }

  async agentListingsSql(agentEmail: string) {
    return prisma.$queryRaw(Prisma.sql`SELECT * FROM "Listing" WHERE "agentEmail" = ${agentEmail}`); //@safe
  }

  async archiveOlderThan(days: string) {
    return prisma.$executeRawUnsafe('UPDATE "Listing" SET archived = true WHERE "listedAt" < now() - interval \'' + days + ' days\''); //@vuln CWE-89
  }

  async priceHistory(listingId: number) {
    return sequelize.query(`SELECT * FROM price_history WHERE listing_id = ${listingId}`, { type: QueryTypes.SELECT }); //@safe
  }

  async neighbourhoodStats(neighbourhood: string) {
    return sequelize.query(`SELECT avg(price) FROM listings WHERE neighbourhood = '${neighbourhood}'`, { type: QueryTypes.SELECT }); //@vuln CWE-89
  }

  async neighbourhoodStatsSafe(neighbourhood: string) {
    return sequelize.query('SELECT avg(price) FROM listings WHERE neighbourhood = :n', { replacements: { n: neighbourhood }, type: QueryTypes.SELECT }); //@safe
  }
}

@Controller('listings')
export class ListingController {
  constructor(private readonly listings: ListingService) {}

  @Get()
  search(@Query('city') city: string, @Query('beds') beds?: string) {
    return this.listings.byCity({ city, minBeds: beds ? Number(beds) : undefined });
  }

  @Get('raw')
  searchRaw(@Query('city') city: string) {
    return this.listings.byCityRaw(city);
  }

  @Get('street')
  street(@Query('q') q: string) {
    return this.listings.nearStreet(q);
  }

  @Get('agent/:email')
  agent(@Param('email') email: string) {
    return this.listings.agentListings(email);
  }

  @Get(':id/history')
  history(@Param('id', ParseIntPipe) id: number) {
    return this.listings.priceHistory(id);
  }

  @Get('stats/:hood')
  stats(@Param('hood') hood: string) {
    return this.listings.neighbourhoodStats(hood);
  }

  @Post('archive')
  archive(@Body('days') days: string) {
    return this.listings.archiveOlderThan(days);
  }
}
