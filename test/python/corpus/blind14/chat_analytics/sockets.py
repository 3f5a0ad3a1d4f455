from flask import Flask, request
from flask_socketio import SocketIO, disconnect, emit, join_room
from markupsafe import escape

from .auth import user_from_token
from .config import Config
from .preview import fetch_emoji_pack, fetch_link_preview
from .store import find_messages, find_room, save_message, search_rooms

app = Flask(__name__)
app.config.from_object(Config)
socketio = SocketIO(app, cors_allowed_origins=["https://chat.acme.example"])

STATS = {"connected": 0, "messages": 0}


@socketio.on("connect")
def on_connect(auth):
    token = (auth or {}).get("token") or request.args.get("token", "")
    try:
        request.environ["chat.user"] = user_from_token(token)
    except Exception:
        disconnect()
        return
    STATS["connected"] += 1


@socketio.on("join")
def on_join(data):
    room = data["room"]
    if find_room(room) is None:
        emit("error", {"message": "unknown room"})
        return
    join_room(room)
    nick = data.get("nick", "someone")
    emit("system", {"html": f"<i>{nick} joined {room}</i>"}, to=room)  #@vuln CWE-79


@socketio.on("message")
def on_message(data):
    room, nick, text = data["room"], data["nick"], data["text"]
    save_message(room, nick, text)
    STATS["messages"] += 1
    emit("message", {"html": f"<b>{escape(nick)}</b>: {escape(text)}"}, to=room)  #@safe


@socketio.on("history")
def on_history(data):
    msgs = find_messages(data["room"], data.get("filters", {}))
    emit("history", [{**m, "sent_at": m["sent_at"].isoformat()} for m in msgs])


@socketio.on("room_search")
def on_room_search(data):
    emit("rooms", search_rooms(data.get("q", "")))


@socketio.on("preview")
def on_preview(data):
    emit("preview", fetch_link_preview(data["url"]))


@socketio.on("emoji_pack")
def on_emoji(data):
    emit("emoji_pack", fetch_emoji_pack(data.get("pack", "default")).decode())


if __name__ == "__main__":
    socketio.run(app, host="0.0.0.0", port=5000)
