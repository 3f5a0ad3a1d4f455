"""Video transcoding worker (ffmpeg) fed from the media job queue."""
import json
import logging
import os
import pickle
import subprocess
import uuid

import pika

from . import storage

log = logging.getLogger(__name__)

FFMPEG = "/usr/bin/ffmpeg"
FFPROBE = "/usr/bin/ffprobe"
QUEUE = "media.transcode"
AMQP_URL = os.environ.get("MEDIA_AMQP_URL", "amqp://localhost:5672/%2Fmedia")


def _channel():
    connection = pika.BlockingConnection(pika.URLParameters(AMQP_URL))
    channel = connection.channel()
    channel.queue_declare(queue=QUEUE, durable=True)
    return channel


def enqueue_transcode(source_key, height, preset, callback_url=None):
    job = {"id": uuid.uuid4().hex, "source_key": source_key, "height": height,
           "preset": preset, "callback_url": callback_url}
    _channel().basic_publish(exchange="", routing_key=QUEUE, body=pickle.dumps(job),
                             properties=pika.BasicProperties(delivery_mode=2))
    return job["id"]


def probe_duration(path):
    result = subprocess.run(  #@safe
        [FFPROBE, "-v", "error", "-show_entries", "format=duration", "-of", "json", path],
        capture_output=True, check=True, timeout=60,
    )
    return float(json.loads(result.stdout)["format"]["duration"])


def transcode(src, dest, height, preset):
    cmd = f"{FFMPEG} -y -i {src} -vf scale=-2:{height} -c:v libx264 -preset {preset} -c:a aac {dest}"
    subprocess.run(cmd, shell=True, check=True, timeout=3600)  #@vuln CWE-78


def handle_job(job):
    src = storage.download_to_workdir(job["source_key"])
    out = f"{os.path.splitext(src)[0]}-{job['height']}p.mp4"
    transcode(src, out, job["height"], job["preset"])
    duration = probe_duration(out)
    key = storage.object_key_for(os.path.basename(out), job["id"].encode())
    url = storage.upload_file(out, key, "video/mp4")
    return {"job": job["id"], "url": url, "duration": duration}


def on_message(channel, method, properties, body):
    job = pickle.loads(body)  #@vuln CWE-502
    try:
        result = handle_job(job)
        log.info("transcoded %s -> %s", job["id"], result["url"])
        channel.basic_ack(delivery_tag=method.delivery_tag)
    except subprocess.CalledProcessError:
        log.exception("ffmpeg failed for job %s", job.get("id"))
        channel.basic_nack(delivery_tag=method.delivery_tag, requeue=False)


def run_worker():
    channel = _channel()
    channel.basic_qos(prefetch_count=1)
    channel.basic_consume(queue=QUEUE, on_message_callback=on_message)
    channel.start_consuming()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    run_worker()
