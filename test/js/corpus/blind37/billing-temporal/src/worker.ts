import { NativeConnection, Worker, Runtime, DefaultLogger } from '@temporalio/worker';
import * as activities from './activities';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const config = require('../../shared/config');

Runtime.install({ logger: new DefaultLogger(process.env.LOG_LEVEL === 'debug' ? 'DEBUG' : 'INFO') });

async function connect(): Promise<NativeConnection> {
  if (process.env.TEMPORAL_CLOUD === '1') {
    return NativeConnection.connect({
      address: 'shopwave-billing.x7k2p.tmprl.cloud:7233',
      tls: true,
      apiKey: 'tmprl_eyJhbGciOiJFUzI1NiJ9.bilng-wrkr.Qm9vS2VlcGluZ0tleTIwMjQ', //@vuln CWE-798
      metadata: { 'temporal-namespace': 'shopwave-billing.x7k2p' },
    });
  }
  return NativeConnection.connect({ address: config.temporal.address });
}

async function run() {
  const connection = await connect();
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities,
    maxConcurrentActivityTaskExecutions: 20,
  });

  const shutdown = () => {
    console.log('[billing] shutting down worker');
    worker.shutdown();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  await worker.run();
  await connection.close();
}

run().catch((err) => {
  console.error('[billing] worker crashed', err);
  process.exit(1);
});
