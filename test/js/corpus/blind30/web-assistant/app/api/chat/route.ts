import { openai } from "@ai-sdk/openai";
import { streamText, type CoreMessage } from "ai";
import fs from "node:fs/promises";
import path from "node:path";
import { buildSystemPrompt } from "@acme/prompts";
import { config } from "@/lib/config";
import { getSession, toToolSession } from "@/lib/auth";
import { loadConversation, saveMessage } from "@/lib/db";
import { buildTools } from "@/lib/ai/tools";

export const runtime = "nodejs";
export const maxDuration = 60;

type ChatBody = {
  conversationId: string;
  messages: CoreMessage[];
  persona?: string;
};

async function loadPersona(persona: string | undefined) {
  if (!persona) return "";
  try {
    return await fs.readFile(path.join(config.promptsDir, "personas", `${persona}.md`), "utf8"); //@vuln CWE-22
  } catch {
    return "";
  }
}

export async function POST(req: Request) {
  const session = await getSession();
  if (!session) return new Response("Unauthorized", { status: 401 });

  const body = (await req.json()) as ChatBody;
  const conversation = await loadConversation(body.conversationId, session.sub);
  if (!conversation) return new Response("Not found", { status: 404 });

  const last = body.messages[body.messages.length - 1];
  if (last?.role === "user" && typeof last.content === "string") {
    await saveMessage(conversation.id, "user", last.content);
  }

  const system = buildSystemPrompt("support-agent", {
    persona: await loadPersona(body.persona),
    customer: { id: session.cid },
    today: new Date().toISOString().slice(0, 10),
  });

  const result = streamText({
    model: openai(config.model),
    system,
    messages: body.messages,
    tools: buildTools(await toToolSession(session, conversation.id)),
    maxSteps: config.maxToolSteps,
    onFinish: async ({ text }) => {
      if (text) await saveMessage(conversation.id, "assistant", text);
    },
  });

  return result.toDataStreamResponse();
}
