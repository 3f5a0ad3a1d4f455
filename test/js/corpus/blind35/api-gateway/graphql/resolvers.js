'use strict';

const yaml = require('js-yaml'); // 3.14 — the profile importer relies on !!timestamp handling
const { request: httpRequest } = require('undici');
const { JSONResolver } = require('graphql-scalars');
const userRepo = require('../repositories/userRepo');
const { deepMerge, pick } = require('../../common/merge');

const schema = `
  scalar JSON
  type User { id: ID!, email: String!, name: String, role: String, avatarUrl: String, preferences: JSON }
  type AvatarPreview { contentType: String, base64: String }
  input UserFilter { name: String, role: String, team: String, createdAfter: String }

  type Query {
    me: User
    users(filter: UserFilter, orderBy: String, direction: String, limit: Int): [User!]!
    teamMembers(team: String!, orderBy: String): [User!]!
    userByEmail(email: String!): User
    auditTrail(userId: ID!, action: String): [JSON!]!
    avatarPreview(url: String!): AvatarPreview
  }

  type Mutation {
    updatePreferences(prefs: JSON!): User
    importProfile(document: String!, trusted: Boolean): User
  }
`;

function requireRole(user, role) {
  if (!user || (role && user.role !== role && user.role !== 'admin')) {
    const err = new Error('forbidden');
    err.statusCode = 403;
    throw err;
  }
}

const resolvers = {
  JSON: JSONResolver,

  Query: {
    me: async (_, __, { user, pg, ip }) => {
      await userRepo.touchLastSeen(pg, user.sub, ip);
      return userRepo.findById(pg, user.sub);
    },
    users: (_, { filter = {}, orderBy, direction, limit }, { user, pg }) => {
      requireRole(user, 'manager');
      return userRepo.search(pg, filter, { orderBy, direction, limit });
    },
    teamMembers: (_, { team, orderBy }, { pg }) => userRepo.listByTeam(pg, team, orderBy),
    userByEmail: (_, { email }, { user, pg }) => {
      requireRole(user, 'manager');
      return userRepo.findByEmail(pg, email);
    },
    auditTrail: (_, { userId, action }, { user, pg }) => {
      requireRole(user, 'admin');
      return userRepo.auditTrail(pg, userId, action);
    },
    // Used by the profile editor to preview an avatar before saving the URL.
    avatarPreview: async (_, { url }) => {
      const res = await httpRequest(url, { method: 'GET', maxRedirections: 3, headersTimeout: 5000 }); //@vuln CWE-918
      const buf = Buffer.from(await res.body.arrayBuffer());
      return { contentType: res.headers['content-type'], base64: buf.toString('base64') };
    },
  },

  Mutation: {
    updatePreferences: async (_, { prefs }, { user, pg }) => {
      const current = await userRepo.findById(pg, user.sub);
      const merged = deepMerge(current.preferences || {}, prefs);
      return userRepo.savePreferences(pg, user.sub, merged);
    },
    importProfile: async (_, { document, trusted }, { user, pg }) => {
      let profile;
      if (trusted) {
        // exports from the old HR tool contain custom tags
        profile = yaml.load(document, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
      } else {
        profile = yaml.safeLoad(document); //@safe
      }
      const fields = pick(profile || {}, ['name', 'avatarUrl', 'preferences']);
      return userRepo.updateProfile(pg, user.sub, fields);
    },
  },
};

module.exports = { schema, resolvers };
