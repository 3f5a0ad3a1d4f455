const Queue = require('bull');

const redisUrl = process.env.REDIS_URL || 'redis://:changeme-redis-pass@redis.internal:6379/2'; //@vuln CWE-798

module.exports = {
  reports: new Queue('reports', redisUrl),
  imports: new Queue('imports', redisUrl),
  media: new Queue('media', redisUrl),
  automation: new Queue('automation', redisUrl),
  webhooks: new Queue('webhooks', redisUrl),
};
