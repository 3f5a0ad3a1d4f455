from celery import Celery
from celery.schedules import crontab

app = Celery(
    "fieldjobs",
    broker="amqp://agri:Harvest2024!@rabbitmq.agrisense.local:5672/agri",  #@vuln CWE-798
    backend="redis://redis.agrisense.local:6379/3",
    include=["fieldjobs.weather", "fieldjobs.satellite", "fieldjobs.gateways", "fieldjobs.reports"],
)

app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    timezone="UTC",
    task_acks_late=True,
    worker_prefetch_multiplier=1,
    task_routes={
        "fieldjobs.satellite.*": {"queue": "raster"},
        "fieldjobs.gateways.*": {"queue": "gateways"},
    },
)

app.conf.beat_schedule = {
    "forecasts-hourly": {"task": "fieldjobs.weather.refresh_all_forecasts", "schedule": crontab(minute=5)},
    "stations-every-15m": {"task": "fieldjobs.weather.poll_all_stations", "schedule": 900.0},
    "agency-bulletin-daily": {
        "task": "fieldjobs.weather.pull_agency_bulletin",
        "schedule": crontab(hour=5, minute=30),
        "args": ("north-plains",),
    },
    "gateway-logs-nightly": {"task": "fieldjobs.gateways.collect_all_logs", "schedule": crontab(hour=2, minute=0)},
}
