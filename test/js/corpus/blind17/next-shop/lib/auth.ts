import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { createHash } from "crypto";
import { prisma } from "./db";

function legacyPasswordDigest(password: string, salt: string) {
  return createHash("md5").update(salt + password).digest("hex"); //@vuln CWE-327|CWE-328
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET || "changeme-nextauth-secret", //@vuln CWE-798
  session: { strategy: "jwt", maxAge: 60 * 60 * 24 * 7 },
  pages: { signIn: "/login" },
  providers: [
    GitHubProvider({
      clientId: process.env.GITHUB_ID ?? "",
      clientSecret: process.env.GITHUB_SECRET ?? "",
    }),
    CredentialsProvider({
      name: "Email",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        const user = await prisma.user.findUnique({ where: { email: credentials.email } });
        if (!user?.passwordHash) return null;
        const digest = legacyPasswordDigest(credentials.password, user.passwordSalt ?? "");
        if (digest !== user.passwordHash) return null;
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
      if (session.user) (session.user as { role?: unknown }).role = token.role;
      return session;
    },
    async redirect({ url, baseUrl }) {
      if (url.startsWith("/")) return `${baseUrl}${url}`;
      if (new URL(url).origin === baseUrl) return url; //@safe
      return baseUrl;
    },
  },
};
