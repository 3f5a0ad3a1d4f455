import { InferSchemaType, Schema, model } from 'mongoose';

const productSchema = new Schema({
  sku: { type: String, required: true, unique: true },
  slug: { type: String, required: true, index: true },
  name: { type: String, required: true },
  category: { type: String, index: true },
  price: { type: Number, required: true },
  archived: { type: Boolean, default: false },
  attributes: { type: Schema.Types.Mixed, default: {} },
}, { timestamps: true });

const reservationSchema = new Schema({ code: String, email: String, productId: Schema.Types.ObjectId, quantity: Number });

export type ProductDoc = InferSchemaType<typeof productSchema>;
export const Product = model('Product', productSchema);
export const Reservation = model('Reservation', reservationSchema);
