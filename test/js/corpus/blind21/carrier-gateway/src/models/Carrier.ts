import { Model } from 'objection';

export class Carrier extends Model {
  static tableName = 'carriers';
  static jsonAttributes = ['settings'];

  id!: number;
  code!: string;
  name!: string;
  apiBase!: string;
  webhookSecret!: string;
  settings!: Record<string, any>;
}
