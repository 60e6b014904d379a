"""The classroom host under a class: 40 simulated devices (8 teams x 5) on loopback play a whole game of an 8-nation
scenario against `python main.py host --headless` in its own process. Measured: the time from the last team's
submission to every device holding the turn's resolution (per turn: when the last of the 40 has it; and per device),
the host process's CPU time and memory (resident, and its peak).

Targets: p95 <= 150 ms (the turn: last submission -> all 40 devices), host memory <= 200 MB.
Run: .venv/bin/python bench/host.py [--teams 8] [--devices 5] [--scenario southeast_asia] [--turns N]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_P95_MS, TARGET_MB = 150.0, 200.0


def p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def proc_stats(pid: int) -> tuple[float, float, float]:
    """(CPU seconds used, resident MB, peak resident MB) of a process, from /proc."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / tick
    rss = peak = 0.0
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return cpu, rss, peak


class Device:
    """One browser tab of a team: it joins, keeps the latest views, and notes when each resolution arrives."""

    def __init__(self, url: str, code: str, name: str) -> None:
        self.url, self.code, self.name = url, code, name
        self.team: dict = {}
        self.got: dict[int, float] = {}        # turn resolved -> when this device held its resolution
        self.changed = asyncio.Event()

    async def run(self, ready: asyncio.Event) -> None:
        import websockets

        async with websockets.connect(self.url, max_size=2 ** 22) as ws:
            self.ws = ws
            await ws.send(json.dumps({"type": "join", "code": self.code, "device": self.name}))
            async for raw in ws:
                m = json.loads(raw)
                if m["type"] == "team":
                    old = self.team.get("turn", 0)
                    if m.get("resolution") and (m["turn"] > old or m["over"]) and old:
                        self.got.setdefault(old, time.perf_counter())
                    self.team = m
                    self.changed.set()
                    ready.set()
                elif m["type"] == "error":
                    raise RuntimeError(f"{self.name}: {m['message']}")
                if self.team.get("over"):
                    return

    async def send(self, m: dict) -> None:
        await self.ws.send(json.dumps(m))


def first_legal(team: dict) -> dict | None:
    for c in team.get("cards", []):
        if c["blocked"]:
            continue
        if c["targets"] is None:
            return {"type": "add_order", "action": c["id"], "targets": []}
        ok = [t["index"] for t in c["targets"] if t["ok"]]
        if ok:
            return {"type": "add_order", "action": c["id"], "targets": ok[:1]}
    return None


async def wait_for(dev: Device, pred, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not pred(dev.team):
        dev.changed.clear()
        await asyncio.wait_for(dev.changed.wait(), max(0.01, end - time.monotonic()))


async def play(url: str, codes: list[str], devices: int) -> tuple[list[float], list[float], int]:
    teams = [[Device(url, code, f"bench-t{t}-d{d}-{os.getpid()}") for d in range(devices)] for t, code in enumerate(codes)]
    every = [d for team in teams for d in team]
    ready = [asyncio.Event() for _ in every]
    tasks = [asyncio.create_task(d.run(r)) for d, r in zip(every, ready)]
    await asyncio.gather(*(r.wait() for r in ready))
    per_turn, per_device, turns = [], [], 0
    while not every[0].team.get("over"):
        turn = every[0].team["turn"]
        for team in teams:                                   # device 0 plans one order, device 1 submits
            planner, submitter = team[0], team[min(1, len(team) - 1)]
            order = first_legal(planner.team)
            if order:
                await planner.send(order)
                await wait_for(submitter, lambda t: len(t.get("draft", {}).get("orders", [])) >= 1)
            if team is not teams[-1]:
                await submitter.send({"type": "submit"})
                await wait_for(submitter, lambda t, turn=turn: t.get("submitted") or t["turn"] > turn)
        last = teams[-1][min(1, devices - 1)]
        sent = time.perf_counter()
        await last.send({"type": "submit"})                 # the last submission: the turn resolves
        await asyncio.gather(*(wait_for(d, lambda t, turn=turn: t["turn"] > turn or t["over"]) for d in every))
        times = [d.got[turn] - sent for d in every]
        per_turn.append(max(times) * 1000)
        per_device.extend(x * 1000 for x in times)
        turns += 1
    await asyncio.gather(*tasks, return_exceptions=True)
    return per_turn, per_device, turns


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scenario", default="southeast_asia")
    ap.add_argument("--teams", type=int, default=8)
    ap.add_argument("--devices", type=int, default=5, help="devices per team")
    args = ap.parse_args()
    data = tempfile.mkdtemp(prefix="ra-bench-host-")
    env = dict(os.environ, REGIONAL_ACCORD_DATA=data, PYTHONPATH=str(ROOT))
    host = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "host", args.scenario, "--teams", str(args.teams),
                             "--port", "0", "--headless"], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert host.stdout is not None
        url = host.stdout.readline().split("teams join at ")[1].strip()
        lines = [host.stdout.readline() for _ in range(2 + args.teams)]
        codes = [line.split(" code ")[1].strip() for line in lines if " code " in line]
        time.sleep(0.5)
        cpu0, _, _ = proc_stats(host.pid)
        t0 = time.perf_counter()
        per_turn, per_device, turns = asyncio.run(play(url.replace("http://", "ws://") + "ws", codes, args.devices))
        wall = time.perf_counter() - t0
        cpu1, rss, peak = proc_stats(host.pid)
    finally:
        host.terminate()
        host.wait(10)
    n = args.teams * args.devices
    print(f"classroom host: {args.scenario}, {args.teams} teams x {args.devices} devices = {n} websockets on loopback, "
          f"{turns} turns")
    print(f"last submission -> all {n} devices hold the resolution: median {statistics.median(per_turn):.1f} ms, "
          f"p95 {p95(per_turn):.1f} ms, max {max(per_turn):.1f} ms (target p95 <= {TARGET_P95_MS:.0f} ms)")
    print(f"last submission -> one device holds it (all {len(per_device)} receipts): median "
          f"{statistics.median(per_device):.1f} ms, p95 {p95(per_device):.1f} ms")
    print(f"host process: {cpu1 - cpu0:.2f} s CPU over {wall:.1f} s of play ({(cpu1 - cpu0) / wall * 100:.0f} % of one "
          f"core), memory {rss:.0f} MB resident, peak {peak:.0f} MB (target <= {TARGET_MB:.0f} MB)")
    ok = p95(per_turn) <= TARGET_P95_MS and peak <= TARGET_MB
    print("targets met" if ok else "TARGETS MISSED")
    print(f"reproduce: .venv/bin/python bench/host.py --scenario {args.scenario} --teams {args.teams} "
          f"--devices {args.devices}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
