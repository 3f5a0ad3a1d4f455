import { Sequelize, DataTypes, Model } from 'sequelize';
import mongoose, { Schema } from 'mongoose';

export const sequelize = new Sequelize(process.env.ORDERS_DB_URL as string, { dialect: 'postgres', logging: false });

export class Order extends Model {
  declare id: number;
  declare buyerId: string;
  declare buyerName: string;
  declare status: string;
  declare totalCents: number;
}
Order.init(
  { buyerId: DataTypes.UUID, buyerName: DataTypes.STRING, status: DataTypes.STRING, totalCents: DataTypes.INTEGER },
  { sequelize, tableName: 'orders', underscored: true },
);

const reviewSchema = new Schema({
  listingId: { type: String, index: true },
  author: String,
  rating: Number,
  body: String,
  createdAt: { type: Date, default: Date.now },
});
export const Review = mongoose.model('Review', reviewSchema);

export async function connectAll() {
  await sequelize.authenticate();
  await mongoose.connect(process.env.REVIEWS_MONGO_URL ?? 'mongodb://localhost:27017/reviews');
}
