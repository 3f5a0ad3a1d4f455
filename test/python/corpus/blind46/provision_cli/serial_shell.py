"""Serial console helper and GPIO access for the installer bench and the gateway."""
import logging
import os
import subprocess

import serial

log = logging.getLogger("hearth.serial")

SHARE_DIR = "/srv/hearth/share"
HOST_COMMANDS = {
    "date": ["date", "-u"],
    "ip": ["ip", "-brief", "addr"],
    "df": ["df", "-h"],
    "wifi": ["nmcli", "-t", "-f", "ACTIVE,SSID,SIGNAL", "dev", "wifi"],
}


class DeviceShell:
    PROMPT = b"hearth> "

    def __init__(self, port: str, baud: int = 115200, timeout: float = 2.0):
        self.ser = serial.Serial(port, baud, timeout=timeout)

    def command(self, line: str) -> str:
        self.ser.reset_input_buffer()
        self.ser.write(line.encode() + b"\r\n")
        return self.ser.read_until(self.PROMPT).decode(errors="replace")

    def serve(self):
        """Bridge loop: the firmware can ask the gateway for files or host diagnostics.

        Requests from the device look like "@get <file>", "@host <name>" or "@sh <line>".
        """
        log.info("serving %s", self.ser.port)
        while True:
            raw = self.ser.readline()
            if not raw:
                continue
            line = raw.decode(errors="replace").strip()
            if line.startswith("@get "):
                self._send_file(line[5:])
            elif line.startswith("@host "):
                self._host_command(line[6:])
            elif line.startswith("@sh "):
                out = subprocess.getoutput(line[4:])  #@vuln CWE-78
                self._reply(out)
            else:
                log.debug("device: %s", line)

    def _send_file(self, name: str):
        path = os.path.join(SHARE_DIR, name)
        try:
            with open(path, "rb") as fh:  #@vuln CWE-22
                data = fh.read()
        except OSError as exc:
            self._reply(f"error {exc.errno}")
            return
        self.ser.write(f"@file {len(data)}\n".encode() + data)

    def _host_command(self, name: str):
        argv = HOST_COMMANDS.get(name.strip())
        if argv is None:
            self._reply(f"unknown host command {name.strip()}")
            return
        self._reply(subprocess.run(argv, capture_output=True, text=True, timeout=20).stdout)  #@safe

    def _reply(self, text: str):
        self.ser.write(("@out " + text.replace("\n", "\\n") + "\n").encode())

    def close(self):
        self.ser.close()


def gpio_export_legacy(pin: str, direction: str = "out"):
    """sysfs interface for the old Pi-based gateways."""
    os.system(f"echo {pin} > /sys/class/gpio/export && echo {direction} > /sys/class/gpio/gpio{pin}/direction")  #@vuln CWE-78
