"""Serial driver and CLI for the front-desk key-card encoders."""
import argparse
import csv
import logging
import os
import random
import secrets
import struct
import subprocess
import sys
import time
from datetime import datetime, timedelta

import serial
from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad

log = logging.getLogger("keycard.encoder")

STX, ETX = b"\x02", b"\x03"
CMD_WRITE, CMD_BEEP = 0x31, 0x3A
SITE_CODE = 0x4D52
LEGACY_CARD_KEY = b"GMr!8k3y"  #@vuln CWE-798
CARD_KEY_HEX = os.environ.get("KEYCARD_AES_KEY", "")


class EncoderError(Exception):
    pass


def card_nonce():
    return random.getrandbits(32)  #@vuln CWE-338


def session_id():
    return secrets.randbits(32)


def build_card_block(room, checkout, guest_ref, common_areas=()):
    areas = 0
    for bit in common_areas:
        areas |= 1 << int(bit)
    expiry = int(checkout.timestamp())
    return struct.pack(
        ">HH I I H 6s", SITE_CODE, int(room), expiry, card_nonce(), areas, guest_ref.encode("ascii")[:6].ljust(6, b"\0")
    )


def encrypt_legacy_block(block):
    cipher = DES.new(LEGACY_CARD_KEY, DES.MODE_ECB)  #@vuln CWE-327
    return cipher.encrypt(pad(block, DES.block_size))


def encrypt_block(block):
    key = bytes.fromhex(CARD_KEY_HEX)
    cipher = AES.new(key, AES.MODE_GCM, nonce=secrets.token_bytes(12))  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(block)
    return cipher.nonce + ciphertext + tag


class KeyEncoder:
    def __init__(self, port, baudrate=19200, timeout=3.0, legacy_locks=False):
        self.port = port
        self.legacy_locks = legacy_locks
        self.ser = serial.Serial(port, baudrate=baudrate, bytesize=8, parity="N", stopbits=1, timeout=timeout)

    def close(self):
        self.ser.close()

    @staticmethod
    def _checksum(data):
        value = 0
        for b in data:
            value ^= b
        return value

    def _send(self, cmd, payload=b""):
        body = bytes([cmd, len(payload)]) + payload
        frame = STX + body + bytes([self._checksum(body)]) + ETX
        self.ser.reset_input_buffer()
        self.ser.write(frame)
        self.ser.flush()
        reply = self.ser.read_until(ETX, size=512)
        if len(reply) < 5 or reply[0:1] != STX:
            raise EncoderError(f"bad reply from encoder on {self.port}: {reply!r}")
        status = reply[1]
        if status != 0x06:
            raise EncoderError(f"encoder returned status {status:#x}")
        return reply[3:-2]

    def encode(self, room, checkout, guest_ref, common_areas=(), copies=1):
        block = build_card_block(room, checkout, guest_ref, common_areas)
        data = encrypt_legacy_block(block) if self.legacy_locks else encrypt_block(block)
        for i in range(copies):
            self._send(CMD_WRITE, data)
            self._send(CMD_BEEP)
            if i + 1 < copies:
                time.sleep(1.5)
        log.info("encoded %d card(s) for room %s until %s", copies, room, checkout)
        return session_id()


def configure_port(port, baud):
    subprocess.call("stty -F %s %d raw -echo -hupcl" % (port, baud), shell=True)  #@vuln CWE-78


def run_batch(encoder, rows):
    report_path = "/tmp/keycard-batch-report.csv"
    with open(report_path, "w", newline="") as fh:  #@vuln CWE-377
        writer = csv.writer(fh)
        writer.writerow(["room", "checkout", "session"])
        for row in rows:
            checkout = datetime.fromisoformat(row["checkout"])
            sid = encoder.encode(row["room"], checkout, row.get("guest_ref", "GROUP"), copies=int(row.get("copies", 1)))
            writer.writerow([row["room"], checkout.isoformat(), sid])
    return report_path


def main(argv=None):
    parser = argparse.ArgumentParser(prog="keycard", description="Encode guest key cards")
    parser.add_argument("--port", default=os.environ.get("KEYCARD_PORT", "/dev/ttyUSB0"))
    parser.add_argument("--baud", type=int, default=19200)
    parser.add_argument("--legacy", action="store_true", help="building B locks")
    sub = parser.add_subparsers(dest="command", required=True)

    enc = sub.add_parser("encode")
    enc.add_argument("room")
    enc.add_argument("--nights", type=int, default=1)
    enc.add_argument("--guest-ref", default="WALKIN")
    enc.add_argument("--copies", type=int, default=1)
    enc.add_argument("--areas", default="", help="comma separated area bits (gym=1, spa=2, lounge=3)")

    batch = sub.add_parser("batch")
    batch.add_argument("csv_file", type=argparse.FileType("r"))

    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    configure_port(args.port, args.baud)
    encoder = KeyEncoder(args.port, args.baud, legacy_locks=args.legacy)
    try:
        if args.command == "encode":
            checkout = datetime.now().replace(hour=12, minute=0, second=0) + timedelta(days=args.nights)
            areas = [a for a in args.areas.split(",") if a]
            print(encoder.encode(args.room, checkout, args.guest_ref, areas, args.copies))
        elif args.command == "batch":
            print(run_batch(encoder, list(csv.DictReader(args.csv_file))))
    except EncoderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        encoder.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
