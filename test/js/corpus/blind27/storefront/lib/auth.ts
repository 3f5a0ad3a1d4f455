import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { createHash, randomBytes } from "crypto";
import { z } from "zod";
import { prisma } from "./db";

const credentialsSchema = z.object({
  email: z.string().email(),
  password: z.string().min(8).max(200),
});

const PASSWORD_PEPPER = process.env.PASSWORD_PEPPER ?? "";

export function hashPassword(password: string): string {
  return createHash("sha256").update(PASSWORD_PEPPER + password).digest("hex"); //@vuln CWE-916
}

export function verifyPassword(password: string, stored: string): boolean {
  return hashPassword(password) === stored;
}

/** Personal API tokens shown once on /account/tokens. */
export function generateApiToken(): string {
  return "sf_" + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2) + Date.now().toString(36); //@vuln CWE-338
}

export function generateResetToken(): string {
  return randomBytes(32).toString("base64url"); //@safe
}

export const authOptions: NextAuthOptions = {
  adapter: PrismaAdapter(prisma),
  secret: process.env.NEXTAUTH_SECRET ?? "sf-nextauth-7d2f9c41b8e64a0f93c5e1d7a2b6c8f0", //@vuln CWE-798
  session: { strategy: "jwt", maxAge: 60 * 60 * 24 * 7 },
  pages: { signIn: "/login" },
  providers: [
    GitHubProvider({
      clientId: process.env.GITHUB_ID!,
      clientSecret: process.env.GITHUB_SECRET!,
    }),
    CredentialsProvider({
      name: "Email",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await prisma.user.findUnique({ where: { email: parsed.data.email.toLowerCase() } });
        if (!user?.passwordHash) return null;
        if (!verifyPassword(parsed.data.password, user.passwordHash)) return null;
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.role = (user as { role?: string }).role ?? "customer";
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        (session.user as any).id = token.sub;
        (session.user as any).role = token.role;
      }
      return session;
    },
    async redirect({ url, baseUrl }) {
      if (url.startsWith("/")) return `${baseUrl}${url}`;
      if (new URL(url).origin === baseUrl) return url;
      return baseUrl;
    },
  },
};
