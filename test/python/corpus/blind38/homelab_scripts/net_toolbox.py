#!/usr/bin/env python3
# Little Tkinter toolbox for the office network (ping, traceroute, wifi guest pw)
# host list comes from the inventory csv on the shared drive, or type one in
import csv
import ipaddress
import os
import pickle
import random
import string
import subprocess
import tkinter as tk
from tkinter import filedialog, messagebox

import requests

INVENTORY_CSV = r"/mnt/shared/IT/inventory.csv"
PUSHOVER_USER = os.environ.get("PUSHOVER_USER", "")
PUSHOVER_TOKEN = "azGDORePK8gMaC0QOYAMyEEuzJnyUi"  #@vuln CWE-798
history = []  # global, whatever


def load_inventory():
    hosts = []
    if os.path.exists(INVENTORY_CSV):
        with open(INVENTORY_CSV, newline="") as fh:
            for row in csv.DictReader(fh):
                hosts.append(row.get("hostname") or row.get("ip"))
    return hosts


def push_notify(msg):
    # office proxy does ssl inspection, verify=False until IT fixes the cert
    requests.post("https://api.pushover.net/1/messages.json", data={"token": PUSHOVER_TOKEN, "user": PUSHOVER_USER, "message": msg}, timeout=10, verify=False)  #@vuln CWE-295


class Toolbox(tk.Tk):
    def __init__(self):
        super().__init__()
        self.title("Net Toolbox")
        self.host_var = tk.StringVar()
        tk.Label(self, text="Host:").grid(row=0, column=0)
        self.hosts = tk.Listbox(self, height=8)
        for h in load_inventory():
            self.hosts.insert(tk.END, h)
        self.hosts.grid(row=1, column=0, columnspan=3, sticky="we")
        self.hosts.bind("<<ListboxSelect>>", self.on_select)
        tk.Entry(self, textvariable=self.host_var, width=30).grid(row=0, column=1)
        tk.Button(self, text="Ping", command=self.ping).grid(row=0, column=2)
        tk.Button(self, text="Traceroute", command=self.traceroute).grid(row=2, column=0)
        tk.Button(self, text="Guest WiFi password", command=self.wifi_password).grid(row=2, column=1)
        tk.Button(self, text="Load session", command=self.load_session).grid(row=2, column=2)
        self.out = tk.Text(self, width=80, height=20)
        self.out.grid(row=4, column=0, columnspan=3)

    def on_select(self, _evt):
        sel = self.hosts.curselection()
        if sel:
            self.host_var.set(self.hosts.get(sel[0]))

    def show(self, text):
        self.out.delete("1.0", tk.END)
        self.out.insert(tk.END, text)

    def ping(self):
        host = self.host_var.get().strip()
        history.append(("ping", host))
        result = os.popen("ping -c 3 " + host).read()  #@vuln CWE-78
        self.show(result)
        if "100% packet loss" in result:
            push_notify("%s is down!" % host)

    def traceroute(self):
        host = self.host_var.get().strip()
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            messagebox.showerror("Traceroute", "please enter an IPv4 address")
            return
        history.append(("traceroute", host))
        out = subprocess.run("traceroute -n -w 2 " + host, shell=True, capture_output=True, text=True).stdout  #@safe
        self.show(out)

    def wifi_password(self):
        alphabet = string.ascii_letters + string.digits
        pw = "".join(random.choice(alphabet) for _ in range(12))  #@vuln CWE-338|CWE-330
        # TODO push to the router via its api instead of copy paste
        self.show("New guest WiFi password: " + pw)
        self.clipboard_clear()
        self.clipboard_append(pw)

    def load_session(self):
        # colleagues mail me their .sess files when they want me to look at something
        path = filedialog.askopenfilename(filetypes=[("sessions", "*.sess")])
        if not path:
            return
        with open(path, "rb") as fh:
            data = pickle.load(fh)  #@vuln CWE-502
        history[:] = data.get("history", [])
        self.host_var.set(data.get("host", ""))
        self.show("\n".join("%s %s" % h for h in history))


if __name__ == "__main__":
    Toolbox().mainloop()
