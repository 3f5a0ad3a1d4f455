"""Tkinter admin console for the ops services.

    python -m adminapp.app
"""
import ast
import os
import sqlite3
import subprocess
import tkinter as tk
from pathlib import Path
from tkinter import messagebox, simpledialog, ttk

from . import rpc_client

CACHE_DB = Path.home() / ".opsadmin" / "cache.sqlite3"
DOWNLOADS = Path.home() / "Downloads" / "opsadmin"
COLUMNS = ("hostname", "owner", "status")


class AdminApp(tk.Tk):
    def __init__(self, user, password):
        super().__init__()
        self.title("Ops Admin")
        self.geometry("860x540")
        self.rpc = rpc_client.xmlrpc_proxy(user, password)
        CACHE_DB.parent.mkdir(parents=True, exist_ok=True)
        self.cache = sqlite3.connect(CACHE_DB)
        self.cache.execute("CREATE TABLE IF NOT EXISTS recent (hostname TEXT, ts TEXT DEFAULT CURRENT_TIMESTAMP)")
        self._build()

    def _build(self):
        bar = ttk.Frame(self)
        bar.pack(fill="x", padx=6, pady=6)
        ttk.Label(bar, text="Host:").pack(side="left")
        self.host_var = tk.StringVar()
        entry = ttk.Entry(bar, textvariable=self.host_var, width=36)
        entry.pack(side="left", padx=4)
        entry.bind("<Return>", lambda _e: self.lookup())
        for label, cmd in (("Lookup", self.lookup), ("Advanced…", self.advanced_search), ("SSH", self.open_ssh),
                           ("Download bundle", self.download_bundle)):
            ttk.Button(bar, text=label, command=cmd).pack(side="left", padx=2)
        self.tree = ttk.Treeview(self, columns=COLUMNS, show="headings")
        for col in COLUMNS:
            self.tree.heading(col, text=col.title())
            self.tree.column(col, width=260)
        self.tree.pack(fill="both", expand=True, padx=6, pady=6)
        self.status = ttk.Label(self, text="ready", anchor="w")
        self.status.pack(fill="x", padx=6)

    def _fill(self, rows):
        self.tree.delete(*self.tree.get_children())
        for r in rows:
            self.tree.insert("", "end", values=tuple(r.get(c, "") for c in COLUMNS))
        self.status.config(text=f"{len(rows)} host(s)")

    def _selected_host(self):
        sel = self.tree.selection()
        return self.tree.item(sel[0], "values")[0] if sel else None

    def remember(self, hostname):
        self.cache.execute(f"INSERT INTO recent (hostname) VALUES ('{hostname}')")  #@vuln CWE-89
        self.cache.commit()

    def lookup(self):
        hostname = self.host_var.get().strip()
        if not hostname:
            return
        try:
            rows = self.rpc.hosts.lookup(hostname)
        except Exception as exc:  # noqa: BLE001
            messagebox.showerror("Lookup failed", str(exc), parent=self)
            return
        self.remember(hostname)
        self._fill(rows)

    def advanced_search(self):
        text = simpledialog.askstring("Advanced search", "Filter, e.g. {'status': 'down', 'tags': 'db'}", parent=self)
        if not text:
            return
        try:
            flt = ast.literal_eval(text)  #@safe
        except (ValueError, SyntaxError):
            messagebox.showerror("Advanced search", "Filter must be a dict literal", parent=self)
            return
        self._fill(rpc_client.jsonrpc("hosts.query", filter=flt))

    def open_ssh(self):
        hostname = self._selected_host()
        if not hostname:
            return
        # hostname comes straight from the inventory service
        subprocess.Popen(f"x-terminal-emulator -e ssh ops@{hostname}", shell=True)  #@vuln CWE-78

    def download_bundle(self):
        name = simpledialog.askstring("Report bundle", "Bundle name:", parent=self)
        if not name:
            return
        DOWNLOADS.mkdir(parents=True, exist_ok=True)
        count = 0
        for item in self.rpc.files.bundle(name):
            with open(os.path.join(DOWNLOADS, item["name"]), "wb") as fh:  #@vuln CWE-22
                fh.write(item["data"].data)
            count += 1
        self.status.config(text=f"saved {count} file(s) to {DOWNLOADS}")


def main():
    root = tk.Tk()
    root.withdraw()
    user = simpledialog.askstring("Ops Admin", "User:", parent=root)
    password = simpledialog.askstring("Ops Admin", "Password:", show="*", parent=root)
    root.destroy()
    if not user or not password:
        return
    AdminApp(user, password).mainloop()


if __name__ == "__main__":
    main()
