import path from 'path';
import { buildConfig } from 'payload/config';
import { mongooseAdapter } from '@payloadcms/db-mongodb';
import { webpackBundler } from '@payloadcms/bundler-webpack';
import { slateEditor } from '@payloadcms/richtext-slate';
import Users from './collections/Users';
import Media from './collections/Media';
import Orders from './collections/Orders';

const storefrontUrl = process.env.STOREFRONT_URL || 'http://localhost:4000';

export default buildConfig({
  serverURL: process.env.PAYLOAD_PUBLIC_SERVER_URL || 'http://localhost:3000',
  admin: {
    user: Users.slug,
    bundler: webpackBundler(),
    meta: { titleSuffix: '- Client Shop CMS' },
  },
  editor: slateEditor({}),
  db: mongooseAdapter({
    url: process.env.MONGODB_URI || 'mongodb://payload:Pa55w0rd-shop-2023@mongo-01.agency.internal:27017/shop?authSource=admin', //@vuln CWE-798
  }),
  collections: [Users, Media, Orders],
  cors: [storefrontUrl],
  csrf: [storefrontUrl],
  // QA asked for full error payloads while the client UAT runs; remember to flip back.
  debug: true, //@vuln CWE-489|CWE-215
  rateLimit: { max: 500, window: 60 * 1000 },
  upload: { limits: { fileSize: 20 * 1024 * 1024 } },
  typescript: {
    outputFile: path.resolve(__dirname, 'payload-types.ts'),
  },
  graphQL: {
    schemaOutputFile: path.resolve(__dirname, 'generated-schema.graphql'),
    disablePlaygroundInProduction: true,
  },
});
