import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

const kafkaConfig: KafkaConfig = {
  clientId: 'logistics-consumers',
  brokers: (process.env.KAFKA_BROKERS ?? 'kafka-1.internal:9093,kafka-2.internal:9093').split(','),
  ssl: { rejectUnauthorized: false }, //@vuln CWE-295
  sasl: {
    mechanism: 'scram-sha-256',
    username: process.env.KAFKA_USER ?? 'svc-consumers',
    password: process.env.KAFKA_PASSWORD ?? 'changeme-kafka-pass', //@vuln CWE-798
  },
  logLevel: logLevel.WARN,
};

export const kafka = new Kafka(kafkaConfig);
