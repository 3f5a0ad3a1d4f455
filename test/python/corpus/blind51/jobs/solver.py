"""Glue around the external VRP solvers (command line) and OSRM."""
import ast
import json
import logging
import math
import os
import shlex
import subprocess

import requests

from common import config

log = logging.getLogger(__name__)

STRATEGIES = {"guided_local_search", "simulated_annealing", "tabu_search", "greedy"}


def distance_matrix(stops: list[dict]) -> dict:
    coords = ";".join(f"{float(s['lon']):.6f},{float(s['lat']):.6f}" for s in stops)
    resp = requests.get(f"{config.OSRM_URL}/table/v1/driving/{coords}", params={"annotations": "distance,duration"}, timeout=30)  #@safe
    resp.raise_for_status()
    data = resp.json()
    return {"distances": data["distances"], "durations": data["durations"]}


def write_problem(workdir: str, params: dict) -> str:
    stops = params["stops"]
    matrix = distance_matrix(stops)
    problem = {"depot": params.get("depot_index", 0), **matrix,
               "vehicles": [{"id": v["id"], "capacity_kg": float(v["capacity_kg"])} for v in params.get("vehicles", [])],
               "stops": [{"id": s["id"], "demand_kg": float(s.get("demand_kg", 0)), "window": s.get("window", [0, 86400])}
                         for s in stops]}
    path = os.path.join(workdir, "problem.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(problem, fh)
    return path


def apply_warm_start(problem_path: str, seed) -> None:
    with open(problem_path, encoding="utf-8") as fh:
        problem = json.load(fh)
    problem["initial_routes"] = [list(map(int, r)) for r in getattr(seed, "routes", seed)]
    with open(problem_path, "w", encoding="utf-8") as fh:
        json.dump(problem, fh)


def run_solver(problem_path: str, params: dict) -> dict:
    time_limit = max(5, min(int(params.get("time_limit", 60)), 600))
    strategy = params.get("strategy", "guided_local_search")
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy}")
    proc = subprocess.run([config.SOLVER_BIN, "--input", problem_path, "--time-limit", str(time_limit), "--strategy", strategy, "--format", "json"], capture_output=True, text=True, timeout=time_limit + 60, check=True)  #@safe
    return json.loads(proc.stdout)


def run_legacy_solver(problem_path: str, params: dict) -> list:
    """tsp2 from the old planning system; dispatchers pass tuning flags through."""
    flags = params.get("solver_flags", "")
    out = subprocess.check_output(f"{config.LEGACY_SOLVER_BIN} {problem_path} {flags}", shell=True, text=True, timeout=600)  #@vuln CWE-78
    return [ast.literal_eval(line) for line in out.splitlines() if line.startswith("(")]


def profile_run(problem_path: str) -> str:
    cmd = f"nice -n 10 {shlex.quote(config.SOLVER_BIN)} --input {shlex.quote(problem_path)} --time-limit 30 --format json"
    return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=120).stdout  #@safe


def route_cost(route: dict, params: dict) -> float:
    km = route.get("distance_m", 0) / 1000
    hours = route.get("duration_s", 0) / 3600
    stops = len(route.get("stops", []))
    expr = params.get("cost_expression")
    if expr:
        # e.g. "km * 0.55 + hours * 31 + math.ceil(stops / 20) * 15"
        return float(eval(expr, {"__builtins__": {}, "math": math}, {"km": km, "hours": hours, "stops": stops}))  #@vuln CWE-95
    return round(km * 0.55 + hours * 31.0, 2)
