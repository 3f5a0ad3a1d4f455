import { Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Collection, Filter, MongoClient, ObjectId } from 'mongodb';
import { escapeRegex } from '../common/query-helpers';

export interface MenuItem {
  _id?: ObjectId;
  restaurantId: string;
  section: string;
  name: string;
  descriptionHtml: string;
  priceCents: number;
  discountCents?: number;
  tags: string[];
  allergens: string[];
  available: boolean;
  partnerSku?: string;
  imageUrl?: string;
}

export type MenuItemPatch = Partial<Omit<MenuItem, '_id' | 'restaurantId'>>;

@Injectable()
export class MenusService implements OnModuleInit {
  private items!: Collection<MenuItem>;

  constructor(private readonly config: ConfigService) {}

  async onModuleInit() {
    const client = await MongoClient.connect(this.config.get<string>('mongo.uri')!);
    this.items = client.db(this.config.get<string>('mongo.dbName')).collection<MenuItem>('menu_items');
    await this.items.createIndex({ restaurantId: 1, section: 1 });
  }

  async list(restaurantId: string, filters: Record<string, unknown>) {
    const query: Filter<MenuItem> = { restaurantId, ...filters };
    return this.items.find(query).sort({ section: 1, name: 1 }).limit(500).toArray();  //@vuln CWE-943
  }

  async byId(restaurantId: string, itemId: string) {
    const item = await this.items.findOne({ _id: new ObjectId(itemId), restaurantId });
    if (!item) throw new NotFoundException();
    return item;
  }

  async findBySku(restaurantId: string, sku: unknown) {
    return this.items.findOne({ restaurantId, partnerSku: String(sku) });  //@safe
  }

  async findByName(restaurantId: string, name: string) {
    return this.items.findOne({ restaurantId: restaurantId, name: name });  //@vuln CWE-943
  }

  async search(restaurantId: string, term: string) {
    const all = await this.items.find({ restaurantId, available: true }).toArray();
    const matcher = new RegExp(term, 'i');  //@vuln CWE-1333
    return all.filter((item) => matcher.test(item.name) || item.tags.some((t) => matcher.test(t)));
  }

  async suggest(restaurantId: string, prefix: string) {
    const matcher = new RegExp('^' + escapeRegex(prefix.slice(0, 40)), 'i');  //@safe
    return this.items
      .find({ restaurantId, name: matcher }, { projection: { name: 1, section: 1 } })
      .limit(10)
      .toArray();
  }

  async deals(restaurantId: string, threshold: string) {
    return this.items
      .find({ restaurantId, $where: 'this.priceCents - (this.discountCents || 0) < ' + threshold })  //@vuln CWE-943
      .toArray();
  }

  async underPrice(restaurantId: string, maxPrice: string) {
    const cents = Number.parseInt(maxPrice, 10);
    if (!Number.isFinite(cents)) return [];
    return this.items.find({ restaurantId, priceCents: { $lte: cents } }).toArray();
  }

  async updateItem(restaurantId: string, itemId: string, patch: MenuItemPatch) {
    const { name, section, descriptionHtml, priceCents, tags, allergens, available } = patch;
    const $set = Object.fromEntries(
      Object.entries({ name, section, descriptionHtml, priceCents, tags, allergens, available }).filter(
        ([, v]) => v !== undefined,
      ),
    );
    return this.items.updateOne({ _id: new ObjectId(itemId), restaurantId }, { $set });
  }

  async setAvailability(restaurantId: string, where: Record<string, any>, available: boolean) {
    const selector = { ...where, restaurantId };
    const result = await this.items.updateMany(selector, { $set: { available: !!available } });  //@vuln CWE-943
    return { matched: result.matchedCount, modified: result.modifiedCount };
  }
}
