import { SQSClient } from '@aws-sdk/client-sqs';

export const sqs = new SQSClient({
  region: process.env.AWS_REGION ?? 'eu-west-1',
  credentials: {
    accessKeyId: process.env.SQS_ACCESS_KEY_ID ?? 'dev-consumer-key',
    secretAccessKey: process.env.SQS_SECRET_ACCESS_KEY ?? 'changeme-sqs-secret', //@vuln CWE-798
  },
});
