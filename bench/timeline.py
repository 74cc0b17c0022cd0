"""Benchmark: Blamefree's timeline build vs an orjson parse-only floor vs a pandas version.

Usage: .venv/bin/python bench/timeline.py [--events 1000000] [--seed 42] [--repeat 1]

A seeded generator writes one incident's evidence under bench/.data/timeline/ (git-ignored):
about 1,000,000 raw events across seven files in six formats (three JSON Lines application
logs in ECS, zap and pino shapes, RFC 5424 syslog, Alertmanager webhooks, a Kubernetes
core/v1 event list, PagerDuty v3 webhooks and GitHub deployment webhooks), a day of noise
around a deploy -> errors -> alert -> page -> ack -> rollback -> resolve story.

Three measurements, each in its own child process that imports what it needs before its
clock starts (the import time is printed on its own); peak RSS counts that process and any
worker processes it starts (see `measure`). The line for (a) says whether the compiled ingest
modules were in use (`make speedups`, see docs/timeline.md):

(a) blamefree: `blamefree.ingest.pipeline.build` (detect, parse, normalise to UTC, merge,
    dedupe, correlate, collapse, window, key moments, redaction, validated events);
(b) floor: orjson.loads of every JSON line / document, and a bytes split of every syslog
    line into its header fields: the least any reader must do;
(c) pandas: the straightforward version: read each source (read_json lines=True,
    json_normalize, str.extract for syslog), to_datetime(utc=True) per source, concat,
    sort_values, drop_duplicates.

Targets (issue 3): (a) <= 2.5x (b); (a) at least 3x faster than (c); peak RSS of (a)
<= 2x the input bytes.
"""

from __future__ import annotations

import argparse
import importlib
import os
import random
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / ".data" / "timeline"
DAY = datetime(2024, 5, 1, tzinfo=UTC)
INCIDENT = DAY + timedelta(hours=13)
"""The story: deploy at 13:00, errors 13:01, alert 13:04, page, ack 13:09, rollback 13:30."""

SHARES = {
    "app-ecs.jsonl": 0.25,
    "app-zap.jsonl": 0.2,
    "app-pino.jsonl": 0.15,
    "syslog.log": 0.25,
    "alertmanager.jsonl": 0.06,
    "k8s-events.json": 0.05,
    "pagerduty.jsonl": 0.025,
    "github.jsonl": 0.015,
}
_MESSAGES = [
    ("info", "request served in {n} ms (path /api/cart/{id})"),
    ("info", "cache refresh finished for shard {n}"),
    ("debug", "connection pool size {n}"),
    ("warning", "slow query {n} ms on orders (trace {id})"),
    ("error", "payment gateway timeout (request {id})"),
    ("info", "user session renewed {id}"),
]
_SERVICES = ["checkout", "cart", "payments", "search", "auth"]
_ALERTS = ["HighErrorRate", "CheckoutLatencyHigh", "DiskFilling", "PodRestarts", "QueueBacklog"]


def _times(rng: random.Random, total: int) -> list[datetime]:
    """One file's times: a day of traffic, a fifth of it in the incident's busy 90 minutes.

    Files are written in time order, as loggers and exporters write them, with a little
    jitter (concurrent writers), so lines are nearly but not strictly sorted.
    """
    seconds = [
        rng.uniform(-1800, 3600) + 13 * 3600 if rng.random() < 0.2 else rng.uniform(0, 86_400)
        for _ in range(total)
    ]
    seconds.sort()
    return [DAY + timedelta(seconds=s + rng.uniform(-0.05, 0.05)) for s in seconds]


def _hex(rng: random.Random, n: int = 12) -> str:
    return f"{rng.getrandbits(n * 4):0{n}x}"


def _message(rng: random.Random, at: datetime) -> tuple[str, str]:
    level, template = _MESSAGES[rng.randrange(len(_MESSAGES))]
    if (
        INCIDENT + timedelta(minutes=1) <= at <= INCIDENT + timedelta(minutes=30)
        and rng.random() < 0.5
    ):
        level, template = _MESSAGES[4]
    return level, template.format(n=rng.randint(1, 5000), id=_hex(rng))


def _iso(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def write_logs(path: Path, rng: random.Random, count: int, shape: str) -> None:
    pino = {"debug": 20, "info": 30, "warning": 40, "error": 50}
    with path.open("wb") as out:
        for i, at in enumerate(_times(rng, count)):
            level, text = _message(rng, at)
            service = _SERVICES[i % len(_SERVICES)]
            if shape == "ecs":
                obj: dict[str, object] = {
                    "@timestamp": _iso(at),
                    "log.level": level,
                    "message": text,
                    "service.name": service,
                }
            elif shape == "zap":
                obj = {
                    "level": level,
                    "ts": round(at.timestamp(), 3),
                    "logger": service,
                    "msg": text,
                }
            else:
                obj = {
                    "level": pino[level],
                    "time": int(at.timestamp() * 1000),
                    "pid": 7,
                    "hostname": f"web-{i % 4}",
                    "msg": text,
                }
            out.write(orjson.dumps(obj) + b"\n")


def write_syslog(path: Path, rng: random.Random, count: int) -> None:
    severities = {"debug": 7, "info": 6, "warning": 4, "error": 3}
    with path.open("wb") as out:
        for i, at in enumerate(_times(rng, count)):
            level, text = _message(rng, at)
            pri = 8 + severities[level]
            host, app = f"web-{i % 4}", _SERVICES[i % len(_SERVICES)]
            line = f"<{pri}>1 {_iso(at)} {host} {app} {1000 + i % 50} - - {text}\n"
            out.write(line.encode())


def write_alertmanager(path: Path, rng: random.Random, count: int) -> None:
    with path.open("wb") as out:
        for i, at in enumerate(_times(rng, count)):
            name = _ALERTS[i % len(_ALERTS)]
            # Alerts repeat every group interval: the same alert is re-sent many times.
            starts = at.replace(minute=(at.minute // 15) * 15, second=0, microsecond=0)
            resolved = rng.random() < 0.3
            alert = {
                "status": "resolved" if resolved else "firing",
                "labels": {"alertname": name, "service": _SERVICES[i % 5], "severity": "page"},
                "annotations": {"summary": f"{name} on {_SERVICES[i % 5]}"},
                "startsAt": _iso(starts),
                "endsAt": _iso(at) if resolved else "0001-01-01T00:00:00Z",
                "generatorURL": "https://prometheus.example.com/graph",
                "fingerprint": f"{(i % 40):016x}",
            }
            body = {
                "version": "4",
                "groupKey": f'{{}}:{{alertname="{name}"}}',
                "status": alert["status"],
                "receiver": "postmortem-bot",
                "groupLabels": {"alertname": name},
                "commonLabels": {"alertname": name},
                "commonAnnotations": {},
                "externalURL": "https://alertmanager.example.com",
                "alerts": [alert],
            }
            out.write(orjson.dumps(body) + b"\n")


def write_k8s(path: Path, rng: random.Random, count: int) -> None:
    reasons = [
        ("Warning", "BackOff", "Back-off restarting failed container app"),
        ("Normal", "Pulled", "Container image already present on machine"),
        ("Warning", "Unhealthy", "Readiness probe failed: HTTP probe failed with 503"),
        ("Normal", "Scheduled", "Successfully assigned pod to node"),
    ]
    items = []
    for i, at in enumerate(_times(rng, count)):
        kind, reason, message = reasons[rng.randrange(len(reasons))]
        pod = f"{_SERVICES[i % 5]}-{_hex(rng, 4)}"
        items.append(
            {
                "apiVersion": "v1",
                "kind": "Event",
                "metadata": {
                    "name": f"{pod}.{_hex(rng, 8)}",
                    "namespace": "shop",
                    "uid": f"{_hex(rng, 8)}-0000-4000-8000-{_hex(rng, 12)}",
                },
                "involvedObject": {"kind": "Pod", "namespace": "shop", "name": pod},
                "reason": reason,
                "message": message,
                "type": kind,
                "source": {"component": "kubelet", "host": f"node-{i % 6}"},
                "firstTimestamp": _iso(at)[:19] + "Z",
                "lastTimestamp": _iso(at + timedelta(seconds=rng.randint(0, 600)))[:19] + "Z",
                "count": rng.randint(1, 20),
                "eventTime": None,
            }
        )
    path.write_bytes(orjson.dumps({"apiVersion": "v1", "kind": "List", "items": items}))


def write_pagerduty(path: Path, rng: random.Random, count: int) -> None:
    types = [
        "incident.triggered",
        "incident.acknowledged",
        "incident.escalated",
        "incident.resolved",
        "incident.annotated",
    ]
    with path.open("wb") as out:
        for i, at in enumerate(_times(rng, count)):
            number = 1000 + i // 5
            event_type = types[i % len(types)]
            data: dict[str, object] = {
                "id": f"Q{number}",
                "type": "incident",
                "number": number,
                "status": event_type.split(".")[1],
                "title": f"{_ALERTS[number % 5]} {_SERVICES[number % 5]}",
                "urgency": "high",
                "service": {"id": "PSVC9", "type": "service_reference", "summary": "checkout"},
            }
            if event_type == "incident.annotated":
                data = {
                    "incident": {"id": f"Q{number}", "type": "incident_reference"},
                    "content": f"Looking at {_SERVICES[number % 5]} dashboards",
                }
            agent = {"id": "PUSR02", "type": "user_reference", "summary": "Bob Ops"}
            event = {
                "event": {
                    "id": _hex(rng, 26).upper(),
                    "event_type": event_type,
                    "resource_type": "incident",
                    "occurred_at": _iso(at),
                    "agent": agent if event_type != "incident.triggered" else None,
                    "client": None,
                    "data": data,
                }
            }
            out.write(orjson.dumps(event) + b"\n")


def write_github(path: Path, rng: random.Random, count: int) -> None:
    with path.open("wb") as out:
        for i, at in enumerate(_times(rng, count)):
            ref = f"v1.{i // 20}.0"
            deployment = {
                "id": 880000 + i // 2,
                "sha": _hex(rng, 40),
                "ref": ref,
                "task": "deploy",
                "environment": "production",
                "creator": {"login": "carol", "type": "User"},
                "created_at": _iso(at)[:19] + "Z",
            }
            body: dict[str, object] = {
                "action": "created",
                "deployment": deployment,
                "repository": {"full_name": "example/checkout"},
            }
            if i % 2:
                body["deployment_status"] = {
                    "id": 990000 + i,
                    "state": "success",
                    "environment": "production",
                    "description": f"Deployed {ref}",
                    "creator": {"login": "deploy-bot[bot]", "type": "Bot"},
                    "created_at": _iso(at + timedelta(minutes=3))[:19] + "Z",
                }
            out.write(orjson.dumps(body) + b"\n")


def generate(events: int, seed: int) -> list[Path]:
    """Write the evidence (seeded); returns the files. Reuses files from the same settings."""
    folder = OUT / f"n{events}-s{seed}"
    stamp = folder / ".complete"
    paths = [folder / name for name in SHARES]
    if stamp.exists():
        return paths
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for name, share in SHARES.items():
        count = int(events * share)
        path = folder / name
        if name.startswith("app-"):
            write_logs(path, rng, count, name[4:].split(".")[0])
        elif name == "syslog.log":
            write_syslog(path, rng, count)
        elif name == "alertmanager.jsonl":
            # A resolved alert yields two events (fired, resolved); ~30% are resolved.
            write_alertmanager(path, rng, int(count / 1.3))
        elif name == "k8s-events.json":
            write_k8s(path, rng, count)
        elif name == "pagerduty.jsonl":
            write_pagerduty(path, rng, count)
        else:
            # Half the bodies carry a status too: 1.5 events per line.
            write_github(path, rng, int(count / 1.5))
    stamp.write_text("ok")
    return paths


# --- the three measured runs (each runs in a child process) ---------------------------------


def run_blamefree(paths: list[Path]) -> int:
    from blamefree.ingest.pipeline import build

    result = build(paths)
    return result.stats.records


def run_floor(paths: list[Path]) -> int:
    count = 0
    loads = orjson.loads
    for path in paths:
        if path.suffix == ".log":
            with path.open("rb") as handle:
                for line in handle:
                    line.split(b" ", 7)
                    count += 1
        elif path.suffix == ".json":
            document = loads(path.read_bytes())
            count += len(document["items"])
        else:
            with path.open("rb") as handle:
                for line in handle:
                    value = loads(line)
                    if "alerts" in value:
                        count += sum(2 if a["status"] == "resolved" else 1 for a in value["alerts"])
                    elif "deployment_status" in value:
                        count += 2
                    else:
                        count += 1
    return count


def run_pandas(paths: list[Path]) -> int:
    import pandas as pd

    frames = []
    columns = ["at", "source", "kind", "text", "key"]

    def frame(at: object, source: str, kind: str, text: object, key: object) -> object:
        return pd.DataFrame({"at": at, "source": source, "kind": kind, "text": text, "key": key})

    for path in paths:
        name = path.name
        if name == "app-ecs.jsonl":
            df = pd.read_json(path, lines=True, dtype=False)
            at = pd.to_datetime(df["@timestamp"], utc=True, format="ISO8601")
            frames.append(frame(at, "log", "log", df["message"], None))
        elif name == "app-zap.jsonl":
            df = pd.read_json(path, lines=True, dtype=False)
            frames.append(
                frame(pd.to_datetime(df["ts"], unit="s", utc=True), "log", "log", df["msg"], None)
            )
        elif name == "app-pino.jsonl":
            df = pd.read_json(path, lines=True, dtype=False)
            frames.append(
                frame(
                    pd.to_datetime(df["time"], unit="ms", utc=True), "log", "log", df["msg"], None
                )
            )
        elif name == "syslog.log":
            lines = pd.Series(path.read_text(encoding="utf-8").splitlines())
            parts = lines.str.extract(
                r"^<(?P<pri>\d+)>1 (?P<ts>\S+) (?P<host>\S+) (?P<app>\S+) (?P<proc>\S+) "
                r"(?P<msgid>\S+) (?P<sd>-|\[.*?\]) ?(?P<msg>.*)$"
            )
            at = pd.to_datetime(parts["ts"], utc=True, format="ISO8601")
            frames.append(frame(at, "syslog", "log", parts["msg"], None))
        elif name == "alertmanager.jsonl":
            df = pd.read_json(path, lines=True, dtype=False)
            alerts = pd.json_normalize(df["alerts"].explode().tolist())
            key = alerts["fingerprint"] + "@" + alerts["startsAt"]
            firing = frame(
                pd.to_datetime(alerts["startsAt"], utc=True, format="ISO8601"),
                "alertmanager",
                "alert-firing",
                alerts["labels.alertname"] + " firing",
                key + ":firing",
            )
            done = alerts[alerts["status"] == "resolved"]
            resolved = frame(
                pd.to_datetime(done["endsAt"], utc=True, format="ISO8601"),
                "alertmanager",
                "alert-resolved",
                done["labels.alertname"] + " resolved",
                key[done.index] + ":resolved",
            )
            frames += [firing, resolved]
        elif name == "k8s-events.json":
            items = pd.json_normalize(orjson.loads(path.read_bytes())["items"])
            at = pd.to_datetime(items["firstTimestamp"], utc=True, format="ISO8601")
            text = items["involvedObject.kind"] + "/" + items["involvedObject.name"] + ": "
            frames.append(
                frame(at, "k8s", "cluster-event", text + items["message"], items["metadata.uid"])
            )
        elif name == "pagerduty.jsonl":
            df = pd.read_json(path, lines=True, dtype=False)
            events = pd.json_normalize(df["event"].tolist())
            at = pd.to_datetime(events["occurred_at"], utc=True, format="ISO8601")
            frames.append(
                frame(at, "pagerduty", events["event_type"], events["event_type"], events["id"])
            )
        elif name == "github.jsonl":
            df = pd.json_normalize(pd.read_json(path, lines=True, dtype=False).to_dict("records"))
            requested = frame(
                pd.to_datetime(df["deployment.created_at"], utc=True, format="ISO8601"),
                "github",
                "deploy",
                "Deploy requested: " + df["deployment.ref"],
                "deployment:" + df["deployment.id"].astype(str),
            )
            status = df[df["deployment_status.id"].notna()]
            finished = frame(
                pd.to_datetime(status["deployment_status.created_at"], utc=True, format="ISO8601"),
                "github",
                "deploy",
                "Deploy " + status["deployment_status.state"] + ": " + status["deployment.ref"],
                "status:" + status["deployment_status.id"].astype(str),
            )
            frames += [requested, finished]
    merged = pd.concat(frames, ignore_index=True)[columns]
    merged = merged.sort_values("at", kind="stable")
    keyed = merged[merged["key"].notna()].drop_duplicates(subset=["key"])
    unkeyed = merged[merged["key"].isna()].drop_duplicates(subset=["at", "source", "text"])
    result = pd.concat([keyed, unkeyed]).sort_values("at", kind="stable")
    assert len(result) <= len(merged)
    return len(merged)


RUNS = {"blamefree": run_blamefree, "floor": run_floor, "pandas": run_pandas}
IMPORTS = {
    "blamefree": ("blamefree.ingest.pipeline",),
    "floor": ("orjson",),
    "pandas": ("pandas",),
}
"""What each run imports, done before its clock starts (start-up is not the work measured;
the import time is reported on its own)."""


def _compiled() -> str:
    from blamefree.ingest import speedups

    return "compiled (mypyc)" if speedups.active() else "pure Python"


def _cpu_seconds() -> float:
    """User + system CPU of this process and its finished children (worker processes).

    On a shared machine wall time depends on what else runs; CPU seconds show the work.
    """
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def child(mode: str, folder: Path, repeat: int) -> None:
    """Run one measurement and print its JSON result (wall seconds, events, peak RSS)."""
    paths = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    best = float("inf")
    best_cpu = float("inf")
    events = 0
    import_started = time.perf_counter()
    for module in IMPORTS[mode]:
        importlib.import_module(module)
    imported = time.perf_counter() - import_started
    for _ in range(repeat):
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        events = RUNS[mode](paths)
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, _cpu_seconds() - cpu_before)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    result = {
        "wall": best,
        "cpu": best_cpu,
        "events": events,
        "rss": peak,
        "children_rss": children,
        "import": imported,
        "engine": _compiled() if mode == "blamefree" else "",
    }
    sys.stdout.write(orjson.dumps(result).decode())


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _tree_rss(pid: int) -> dict[int, int]:
    """Resident bytes of `pid` and every process below it (Linux /proc; empty elsewhere)."""
    sizes: dict[int, int] = {}
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                sizes[current] = int(handle.read().split()[1]) * _PAGE
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(child) for child in handle.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return sizes


def measure(mode: str, folder: Path, repeat: int) -> dict[str, float]:
    """Run one measurement in a child process and sample its process tree's RSS meanwhile.

    A build may read inputs in worker processes, so the child's own ru_maxrss would leave
    them out. Every 5 ms this process sums the resident memory of the child and all its
    descendants (`tree`: the real concurrent peak) and keeps each process's own peak
    (`sum`: the sum of per-process peaks, an upper bound). Both are floored by the child's
    own ru_maxrss and its largest finished worker's (RUSAGE_CHILDREN), which catch peaks
    shorter than a sample.
    """
    process = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--child",
            mode,
            "--folder",
            str(folder),
            "--repeat",
            str(repeat),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    tree = 0
    peaks: dict[int, int] = {}
    while process.poll() is None:
        sizes = _tree_rss(process.pid)
        tree = max(tree, sum(sizes.values()))
        for pid, size in sizes.items():
            peaks[pid] = max(peaks.get(pid, 0), size)
        time.sleep(0.005)
    out, _ = process.communicate()
    if process.returncode:
        raise SystemExit(f"the {mode} measurement failed (exit {process.returncode})")
    result: dict[str, float] = orjson.loads(out)
    floor = max(result["rss"], result["children_rss"])
    result["rss"] = max(tree, floor)
    result["rss_sum"] = max(sum(peaks.values()), result["rss"])
    return result


def _warm_page_cache(paths: list[Path]) -> None:
    """Read every input once, so no measurement pays for disk reads another one did not
    (whichever run came first would otherwise read from disk)."""
    for path in paths:
        with path.open("rb") as handle:
            while handle.read(1 << 24):
                pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per measurement")
    parser.add_argument("--child", choices=sorted(RUNS))
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--only", choices=sorted(RUNS), action="append")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.folder, args.repeat)
        return
    started = time.perf_counter()
    paths = generate(args.events, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(
        f"evidence: {len(paths)} files, {size / 1e6:.1f} MB in {paths[0].parent} "
        f"(ready in {time.perf_counter() - started:.1f} s)"
    )
    _warm_page_cache(paths)
    results = {}
    for mode in args.only or ["floor", "blamefree", "pandas"]:
        results[mode] = r = measure(mode, paths[0].parent, args.repeat)
        print(
            f"{mode:>10}: {r['events']:>9,.0f} events  {r['wall']:7.2f} s  "
            f"{r['events'] / r['wall']:>11,.0f} events/s  CPU {r['cpu']:6.2f} s  "
            f"peak RSS {r['rss'] / 1e6:7.1f} MB "
            f"(sum of per-process peaks {r['rss_sum'] / 1e6:.1f} MB; import "
            f"{r['import']:.2f} s before the clock) {r['engine']}"
        )
    if {"floor", "blamefree", "pandas"} <= results.keys():
        a, b, c = results["blamefree"], results["floor"], results["pandas"]
        print(
            f"(a)/(b) time: {a['wall'] / b['wall']:.2f}x  (target <= 2.5x; "
            f"CPU {a['cpu'] / b['cpu']:.2f}x)"
        )
        print(
            f"(c)/(a) time: {c['wall'] / a['wall']:.2f}x  (target >= 3x; "
            f"CPU {c['cpu'] / a['cpu']:.2f}x)"
        )
        print(
            f"(a) peak RSS / input bytes: {a['rss'] / size:.2f}  (target <= 2; "
            f"sum of per-process peaks {a['rss_sum'] / size:.2f})"
        )


if __name__ == "__main__":
    main()
