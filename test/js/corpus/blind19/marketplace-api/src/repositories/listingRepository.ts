import { AppDataSource } from '../db/dataSource';
import { pool } from '../db/pgPool';
import { Listing } from '../entities';

export interface ListingFilters {
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  sort?: string;
  page?: number;
}

const SORTS: Record<string, [string, 'ASC' | 'DESC']> = {
  newest: ['l.createdAt', 'DESC'],
  price_asc: ['l.priceCents', 'ASC'],
  price_desc: ['l.priceCents', 'DESC'],
};

const PRICE_HISTORY_SQL = `
  SELECT day, avg_price_cents
    FROM listing_price_history
   WHERE listing_id = $1 AND day > now() - make_interval(days => $2)
   ORDER BY day`;

export class ListingRepository {
  private readonly repo = AppDataSource.getRepository(Listing);

  findById(id: string): Promise<Listing | null> {
    return this.repo.findOne({ where: { id } });
  }

  async search(term: string, filters: ListingFilters): Promise<Listing[]> {
    const qb = this.repo.createQueryBuilder('l').where('l.status = :status', { status: 'active' });

    if (term) {
      qb.andWhere(`(l.title ILIKE '%${term}%' OR l.description ILIKE '%${term}%')`); //@vuln CWE-89
    }
    if (filters.category) {
      qb.andWhere('l.category = :category', { category: filters.category }); //@safe
    }
    if (filters.minPrice !== undefined) {
      qb.andWhere('l.priceCents >= :minPrice', { minPrice: filters.minPrice });
    }
    if (filters.maxPrice !== undefined) {
      qb.andWhere('l.priceCents <= :maxPrice', { maxPrice: filters.maxPrice });
    }

    const [column, direction] = SORTS[filters.sort ?? 'newest'] ?? SORTS.newest;
    const page = Math.max(1, filters.page ?? 1);
    return qb.orderBy(column, direction).skip((page - 1) * 24).take(24).getMany();
  }

  async countActiveBySeller(sellerId: string): Promise<number> {
    const sql = `SELECT COUNT(*)::int AS total FROM listings WHERE seller_id = '${sellerId}' AND status = 'active'`;
    const rows = await AppDataSource.query(sql); //@vuln CWE-89
    return rows[0]?.total ?? 0;
  }

  async priceHistory(listingId: string, days: number) {
    const { rows } = await pool.query(PRICE_HISTORY_SQL, [listingId, days]); //@safe
    return rows;
  }

  async markSold(ids: string[]): Promise<number> {
    const idList = ids.map((id) => `'${id}'`).join(', ');
    const result = await pool.query(`UPDATE listings SET status = 'sold', updated_at = now() WHERE id IN (${idList})`); //@vuln CWE-89
    return result.rowCount ?? 0;
  }

  save(listing: Listing): Promise<Listing> {
    return this.repo.save(listing);
  }

  async saveAttributes(id: string, attributes: Record<string, unknown>) {
    await this.repo.update({ id }, { attributes });
  }
}
