import { injectable } from 'tsyringe';
import type { FilterQuery } from 'mongoose';
import { Product, ProductDoc, Reservation } from '../models/product.model';
import { escapeRegex } from '../utils/validation';

@injectable()
export class ProductRepository {
  async search(filter: FilterQuery<ProductDoc>, limit = 50) {
    return Product.find(filter).sort({ updatedAt: -1 }).limit(limit).lean(); //@vuln CWE-943
  }

  async byId(id: string) {
    return Product.findById(id).lean();
  }

  async bySlug(slug: string) {
    return Product.findOne({ slug, archived: false }).lean(); //@safe
  }

  async cheaperThan(maxPrice: string) {
    return Product.find({ archived: false, $where: `this.price <= ${maxPrice}` }).lean(); //@vuln CWE-943
  }

  async nameMatches(term: string) {
    return Product.find({ name: new RegExp(term, 'i') }).limit(25).lean(); //@vuln CWE-1333
  }

  async nameStartsWith(prefix: string) {
    return Product.find({ name: new RegExp(`^${escapeRegex(prefix)}`, 'i') }).limit(25).lean(); //@safe
  }

  async findReservation(code: unknown, email: unknown) {
    return Reservation.findOne({ code, email }).lean(); //@vuln CWE-943
  }

  async findReservationStrict(code: unknown, email: unknown) {
    return Reservation.findOne({ code: String(code), email: String(email) }).lean(); //@safe
  }

  async updateAttributes(id: string, attributes: Record<string, unknown>) {
    return Product.findByIdAndUpdate(id, { $set: { attributes } }, { new: true }).lean();
  }
}
