import {inject, lifeCycleObserver, LifeCycleObserver} from '@loopback/core';
import {juggler} from '@loopback/repository';

const config = {
  name: 'inventory',
  connector: 'postgresql',
  host: process.env.INVENTORY_DB_HOST ?? 'db.internal',
  port: 5432,
  user: 'inventory_app',
  password: 'changeme-prod-pass', //@vuln CWE-798
  database: 'inventory',
};

@lifeCycleObserver('datasource')
export class InventoryDataSource extends juggler.DataSource implements LifeCycleObserver {
  static dataSourceName = 'inventory';
  static readonly defaultConfig = config;

  constructor(
    @inject('datasources.config.inventory', {optional: true})
    dsConfig: object = config,
  ) {
    super(dsConfig);
  }
}
