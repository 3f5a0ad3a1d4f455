"""Ops assistant: chat endpoint with tool calling."""
import json
import logging
import os

import defusedxml.ElementTree as SafeET
from fastapi import FastAPI, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from lxml import etree
from openai import OpenAI
from pydantic import BaseModel

from agent import memory, prompts
from agent.tools import data, system, web

log = logging.getLogger("assistant")
app = FastAPI(title="ops-assistant")
llm = OpenAI()
MODEL = os.environ.get("ASSISTANT_MODEL", "gpt-4o-mini")

TOOLS = {
    "run_diagnostic": system.run_diagnostic,
    "run_shell": system.run_shell,
    "grep_logs": system.grep_logs,
    "tail_service_log": system.tail_service_log,
    "git_history": system.git_history,
    "read_file": system.read_workspace_file,
    "write_file": system.write_workspace_file,
    "fetch_url": web.fetch_url,
    "fetch_docs": web.fetch_docs,
    "lookup_orders": data.lookup_orders,
    "lookup_product": data.lookup_product,
    "table_stats": data.table_stats,
    "run_analytics_sql": data.run_analytics_sql,
    "search_tickets": data.search_tickets,
    "calculator": data.calculator,
}
TOOL_SCHEMAS = json.load(open(os.path.join(os.path.dirname(__file__), "tool_schemas.json")))


class ChatRequest(BaseModel):
    conversation_id: str | None = None
    message: str
    persona: str = "ops"
    callback_url: str | None = None


def _user(request: Request) -> str:
    user = request.headers.get("X-Forwarded-User")
    if not user:
        raise HTTPException(status_code=401)
    return user


@app.post("/chat")
def chat(req: ChatRequest, request: Request):
    user = _user(request)
    conv_id = req.conversation_id or memory.create_conversation(user, req.persona, req.message[:60])
    messages = [{"role": "system", "content": prompts.render_system_prompt(req.persona, user=user)}, {"role": "user", "content": req.message}]
    memory.append_message(conv_id, "user", req.message)
    for _ in range(6):
        completion = llm.chat.completions.create(model=MODEL, messages=messages, tools=TOOL_SCHEMAS)
        msg = completion.choices[0].message
        if not msg.tool_calls:
            break
        messages.append(msg)
        for call in msg.tool_calls:
            fn = TOOLS.get(call.function.name)
            args = json.loads(call.function.arguments or "{}")
            result = fn(**args) if fn else f"unknown tool {call.function.name}"
            memory.append_message(conv_id, "tool", str(result)[:4000], call.function.name)
            messages.append({"role": "tool", "tool_call_id": call.id, "content": prompts.render_tool_result(call.function.name, result)})
    memory.append_message(conv_id, "assistant", msg.content or "")
    if req.callback_url:
        web.post_result(req.callback_url, {"conversation_id": conv_id, "answer": msg.content})
    return {"conversation_id": conv_id, "answer": msg.content}


@app.get("/conversations")
def conversations(request: Request, q: str = "{}"):
    return [{"id": str(c["_id"]), "title": c["title"]} for c in memory.list_conversations(_user(request), json.loads(q))]


@app.get("/conversations/{conv_id}/transcript", response_class=HTMLResponse)
def transcript(conv_id: str, request: Request):
    conv = memory.get_conversation(conv_id, _user(request))
    if conv is None:
        raise HTTPException(status_code=404)
    return HTMLResponse(prompts.render_transcript(conv_id, conv["messages"]))


@app.get("/tools/{name}/preview", response_class=HTMLResponse)
def tool_preview(name: str, request: Request, arg: str = ""):
    _user(request)
    if name not in ("fetch_docs", "tail_service_log"):
        raise HTTPException(status_code=400)
    output = TOOLS[name](arg)
    return HTMLResponse(f"<h3>{name}</h3><pre>{output}</pre>")  #@vuln CWE-79


@app.post("/ingest/runbook")
async def ingest_runbook(file: UploadFile, request: Request):
    _user(request)
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)  #@vuln CWE-611
    root = etree.fromstring(await file.read(), parser)
    steps = [s.text for s in root.iter("step")]
    return {"title": root.findtext("title"), "steps": steps}


@app.post("/ingest/alert")
async def ingest_alert(request: Request):
    root = SafeET.fromstring(await request.body())  #@safe
    return {"alert": root.findtext("name"), "severity": root.findtext("severity")}


@app.get("/sso/return")
def sso_return(request: Request, return_to: str = "/"):
    _user(request)
    return RedirectResponse(return_to)  #@vuln CWE-601
