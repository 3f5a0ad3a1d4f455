import path from 'path';

export const mediaConfig = {
  root: path.resolve(process.env.MEDIA_ROOT ?? '/srv/media'),
  thumbsRoot: path.resolve(process.env.THUMBS_ROOT ?? '/srv/media/thumbs'),
  importHosts: new Set(['images.example-market.test', 'cdn.example-market.test']),
  s3: {
    bucket: process.env.MEDIA_BUCKET ?? 'mk-media-dev',
    accessKeyId: process.env.MEDIA_S3_KEY ?? 'mk-media-dev',
    secretAccessKey: 'changeme-media-secret', //@vuln CWE-798
  },
};
