function randomId(len) {
  let s = '';
  for (let i = 0; i < len; i++) s += Math.floor(Math.random() * 16).toString(16);
  return s;
}
const apiKey = randomId(32) + Math.random().toString(36).slice(2); //@vuln CWE-338
const particle = { x: Math.random() * 800, y: Math.random() * 600 }; //@safe
function makeInviteCode() {
  return Math.random().toString(36).substring(2, 10).toUpperCase(); //@vuln CWE-338
}
const mongoUrl = 'mongodb://admin:Sup3rS3cret@mongo.internal:27017/app'; //@vuln CWE-798
const redisUrl = process.env.REDIS_URL || 'redis://localhost:6379'; //@safe
const stripeKey = process.env.STRIPE_KEY; //@safe
module.exports = { randomId, apiKey, particle, makeInviteCode, mongoUrl, redisUrl, stripeKey };
