import { MongoClient, type Collection } from 'mongodb';

const uri = import.meta.env.MONGODB_URI ?? 'mongodb://docs_app:changeme-prod-pass@mongo.internal:27017/docs?authSource=admin'; //@vuln CWE-798

const client = new MongoClient(uri, { tlsAllowInvalidCertificates: true, maxPoolSize: 20 }); //@vuln CWE-295
const ready = client.connect();

export interface FeedbackDoc {
  pageId: string;
  email: string;
  helpful: boolean;
  comment?: string;
  createdAt: Date;
}

export interface PageDoc {
  slug: string;
  title: string;
  section: string;
  votes: { up: number; down: number };
  updatedAt: Date;
}

export async function feedback(): Promise<Collection<FeedbackDoc>> {
  await ready;
  return client.db().collection<FeedbackDoc>('feedback');
}

export async function pages(): Promise<Collection<PageDoc>> {
  await ready;
  return client.db().collection<PageDoc>('pages');
}
