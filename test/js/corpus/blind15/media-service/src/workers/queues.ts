import { Queue } from 'bullmq';
import { redisConnection } from '../config/storage';

export type ThumbnailJob = { source: string; width: number; height: number; watermark?: string };

export const thumbnailQueue = new Queue<ThumbnailJob>('thumbnails', {
  connection: redisConnection,
  defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 1000 },
});
