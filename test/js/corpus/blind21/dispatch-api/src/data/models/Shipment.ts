import { Model, snakeCaseMappers } from 'objection';

export class Shipment extends Model {
  static tableName = 'shipments';
  static columnNameMappers = snakeCaseMappers();

  id!: number;
  trackingNumber!: string;
  customerId!: number;
  status!: string;
  destination!: string;
  archived!: boolean;
}
