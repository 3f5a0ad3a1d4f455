const path = require('path');

const env = process.env.NODE_ENV || 'development';

module.exports = {
  env,
  port: Number(process.env.PORT) || 4000,
  mongo: {
    uri: process.env.MONGO_URI || 'mongodb://newsroom:changeme-prod-pass@mongo-1.internal:27017/newsroom', //@vuln CWE-798
    poolSize: 20,
  },
  auth: {
    jwtSecret: process.env.JWT_SECRET,
    legacyJwtSecret: 'changeme-legacy-jwt-secret', //@vuln CWE-798
    sessionTtlSeconds: 60 * 60 * 12,
  },
  media: {
    uploadRoot: path.resolve(process.env.UPLOAD_ROOT || path.join(__dirname, '../../uploads')),
    ffmpegBin: process.env.FFMPEG_BIN || 'ffmpeg',
    ffprobeBin: process.env.FFPROBE_BIN || 'ffprobe',
    importTimeoutMs: 15000,
  },
  redirects: {
    allowedHosts: ['admin.mediahub.test', 'www.mediahub.test', 'studio.mediahub.test'],
  },
  cors: {
    allowedOrigins: (process.env.CORS_ORIGINS || 'https://www.mediahub.test').split(','),
  },
};
