import { ApolloServer } from '@apollo/server';
import { exec } from 'child_process';
import fetch from 'node-fetch';
import { Pool } from 'pg';

const pool = new Pool();

export const resolvers = {
  Query: {
    user: async (_parent: unknown, args: { id: string }) => {
      const r = await pool.query(`SELECT * FROM users WHERE id = '${args.id}'`); //@vuln CWE-89
      return r.rows[0];
    },
    userSafe: async (_parent: unknown, { id }: { id: string }) => {
      const r = await pool.query('SELECT * FROM users WHERE id = $1', [id]); //@safe
      return r.rows[0];
    },
    preview: async (_: unknown, { url }: { url: string }) => {
      const res = await fetch(url); //@vuln CWE-918
      return res.text();
    },
  },
  Mutation: {
    runJob: (_: unknown, args: { name: string }, ctx: any) => {
      exec(`./jobs/${args.name}.sh`); //@vuln CWE-78
      return true;
    },
    search: async (_: unknown, args: { term: string }) => {
      return new RegExp(args.term).test('abc'); //@vuln CWE-1333|CWE-400
    },
  },
};

export const server = new ApolloServer({ typeDefs: '', resolvers, introspection: true });
