import { Collection, Db, ObjectId } from 'mongodb';

export type Item = { _id?: ObjectId; ownerId: string; sku: string; name: string; rarity: string; slot?: string; equippedSlot?: string | null; acquiredAt: Date };
export type Trade = { _id?: ObjectId; code: string; from: string; to: string; itemIds: ObjectId[]; status: 'open' | 'accepted' | 'cancelled' };

const SLOTS = ['head', 'chest', 'weapon', 'trinket'];

export class InventoryRepo {
  private items: Collection<Item>;
  private trades: Collection<Trade>;

  constructor(db: Db) {
    this.items = db.collection<Item>('inventory');
    this.trades = db.collection<Trade>('trades');
  }

  async listForOwner(ownerId: string) {
    return this.items.find({ ownerId: String(ownerId) }).sort({ acquiredAt: -1 }).limit(500).toArray(); //@safe
  }

  /** filter comes straight from the inventory screen's query string */
  async findByFilter(ownerId: string, filter: Record<string, any>) {
    const query: Record<string, any> = { ownerId };
    if (filter.rarity) query.rarity = filter.rarity;
    if (filter.slot) query.slot = filter.slot;
    return this.items.find(query).limit(200).toArray(); //@vuln CWE-943
  }

  async searchByName(ownerId: string, name: string) {
    return this.items.find({ $where: `this.ownerId == '${ownerId}' && this.name.toLowerCase().indexOf('${name.toLowerCase()}') >= 0` }).toArray(); //@vuln CWE-943
  }

  async getTrade(tradeId: string, playerId: string) {
    if (!ObjectId.isValid(tradeId)) return null;
    return this.trades.findOne({ _id: new ObjectId(tradeId), $or: [{ from: playerId }, { to: playerId }] }); //@safe
  }

  async acceptTrade(code: any, playerId: string) {
    const trade = await this.trades.findOne({ code, to: playerId, status: 'open' }); //@vuln CWE-943
    if (!trade) return null;
    await this.items.updateMany({ _id: { $in: trade.itemIds }, ownerId: trade.from }, { $set: { ownerId: trade.to, equippedSlot: null } });
    await this.trades.updateOne({ _id: trade._id }, { $set: { status: 'accepted' } });
    return trade;
  }

  async equip(ownerId: string, itemId: string, slot: string) {
    if (!ObjectId.isValid(itemId) || !SLOTS.includes(slot)) throw new Error('invalid equip request');
    await this.items.updateMany({ ownerId, equippedSlot: slot }, { $set: { equippedSlot: null } });
    const res = await this.items.updateOne({ _id: new ObjectId(itemId), ownerId }, { $set: { equippedSlot: slot } });
    return res.modifiedCount === 1;
  }
}
