import Env from '@ioc:Adonis/Core/Env'
import type { DatabaseConfig } from '@ioc:Adonis/Lucid/Database'

const databaseConfig: DatabaseConfig = {
  connection: Env.get('DB_CONNECTION', 'pg'),
  connections: {
    pg: {
      client: 'pg',
      connection: {
        host: Env.get('PG_HOST', 'localhost'),
        port: Env.get('PG_PORT', 5432),
        user: Env.get('PG_USER', 'crm'),
        password: Env.get('PG_PASSWORD', 'changeme-prod-pass'), //@vuln CWE-798
        database: Env.get('PG_DB_NAME', 'crm'),
      },
      migrations: { naturalSort: true },
      healthCheck: false,
      debug: false,
    },
  },
}

export default databaseConfig
