import postgres from "npm:postgres@3";
import { drizzle } from "npm:drizzle-orm@0.30/postgres-js";
export { sql } from "npm:drizzle-orm@0.30";

const DATABASE_URL = Deno.env.get("DATABASE_URL") ?? "postgres://notes:notes-dev-password@db:5432/notes"; //@vuln CWE-798
export const db = drizzle(postgres(DATABASE_URL, { max: 5 }));
