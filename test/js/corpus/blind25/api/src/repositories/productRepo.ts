import mongoose, { Schema, InferSchemaType } from 'mongoose';
import { escapeRegex } from '../utils/helpers';

const ProductSchema = new Schema(
  {
    sku: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    description: String,
    price: { type: Number, required: true },
    stock: { type: Number, default: 0 },
    tags: { type: [String], default: [] },
    ownerId: { type: String, index: true },
    published: { type: Boolean, default: false },
  },
  { timestamps: true },
);

export type ProductDoc = InferSchemaType<typeof ProductSchema>;
export const Product = mongoose.model('Product', ProductSchema);

export const productRepo = {
  /** `sku` comes straight from the query string. */
  findBySku(sku: any) {
    return Product.findOne({ sku, published: true }).lean(); //@vuln CWE-943
  },

  findBySkuStrict(sku: string) {
    return Product.findOne({ sku: String(sku), published: true }).lean(); //@safe
  },

  search(filter: Record<string, unknown>, limit = 50) {
    return Product.find({ ...filter, published: true }).limit(limit).lean(); //@vuln CWE-943
  },

  byName(name: string) {
    return Product.find({ name: { $regex: escapeRegex(name), $options: 'i' }, published: true }).limit(50).lean(); //@safe
  },

  cheaperThan(maxPriceExpr: string) {
    return Product.find({ $where: `this.price <= ${maxPriceExpr} && this.published` }).lean(); //@vuln CWE-943
  },

  recent(limit: number) {
    return Product.find({ published: true }).sort({ createdAt: -1 }).limit(limit).lean();
  },

  updateOwned(ownerId: string, sku: string, patch: Partial<ProductDoc>) {
    return Product.updateOne({ ownerId: String(ownerId), sku: String(sku) }, { $set: patch });
  },
};
