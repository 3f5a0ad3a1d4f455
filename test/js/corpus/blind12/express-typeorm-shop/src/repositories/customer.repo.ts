import { raw } from 'objection';
import { Customer } from '../models/Customer';

export interface CustomerSearch {
  q?: string;
  email?: string;
  orderBy?: string;
}

export class CustomerRepository {
  async search({ q = '', email }: CustomerSearch) {
    const query = Customer.query().select('id', 'name', 'email').limit(50);
    if (q) {
      query.whereRaw(`lower(name) LIKE lower('%${q}%')`); //@vuln CWE-89
    }
    if (email) {
      query.whereRaw('lower(email) = lower(?)', [email]); //@safe
    }
    return query;
  }

  async withLifetimeValue(currency: string) {
    return Customer.query()
      .select('customers.id', 'customers.name')
      .select(raw(`sum(orders.total) FILTER (WHERE orders.currency = '${currency}') AS ltv`)) //@vuln CWE-89
      .leftJoin('orders', 'orders.customer_id', 'customers.id')
      .groupBy('customers.id');
  }

  async recent(days: number) {
    return Customer.query()
      .where('created_at', '>', raw("now() - (? || ' days')::interval", [String(days)])) //@safe
      .orderBy('created_at', 'desc');
  }
}
