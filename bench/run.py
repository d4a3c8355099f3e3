#!/usr/bin/env python3
"""Benchmark: the comments API against a bare-Kestrel baseline, measured in the same run.

The API (Release, native AOT, its settings as deployed, PostgreSQL, traces exported over OTLP and /metrics scraped,
rate limiting on with its limit raised above the load) and the baseline (the same three routes in memory) each get
seeded with 1,000 stories x 10 comments and measured with wrk: GET list, POST new, and a 90/10 mix (and GET with the
API's list cache off), each scenario on freshly seeded data and a fresh process. wrk (and this script, with its OTLP
sink) run on core 0; the service side (the API or the baseline, and PostgreSQL) on core 1. Three more GET runs use
1,000,000 comments over 100,000 stories (list cache as deployed, off, and sized for every story), each after a warm-up
that reads every story. A durable baseline (bench/DurableBaseline: the baseline, its posts committed in PostgreSQL
with the API's batched insert before the answer, nothing else of the API) runs the three scenarios too, to show what
the database work alone leaves of the baseline on the shared core. Start-up is timed over starts of the API and the
baseline in turn. Any non-2xx answer, socket error or failed scrape fails the run.

Usage: bench/run.py [--duration SECONDS] [--connections N] [--skip-scale] [--perf] [--postgres-on-load-core]
Writes the table to stdout and to bench/results/latest.md (latest-postgres-on-load-core.md for that diagnostic).
"""
import argparse
import datetime
import glob
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
OUT = os.path.join(BENCH, "out")
LOAD_CORE, SERVICE_CORE = "0", "1"
STORIES, PER_STORY = 1000, 10
SCALE_STORIES = 100_000


def deployed_settings():
    """The api's settings as deployed: the image's environment (Api/Dockerfile) and the literal environment values of
    the generated Deployment (deploy/k8s/base: telemetry, sampling, forwarded headers). The listening port, the
    database and the trace receiver are this benchmark's own."""
    settings = {"ASPNETCORE_ENVIRONMENT": "Production"}
    with open(os.path.join(ROOT, "Api", "Dockerfile")) as dockerfile:
        for instruction in re.findall(r"^ENV ((?:.*\\\n)*.*)$", dockerfile.read(), re.M):
            settings.update(pair.split("=", 1) for pair in instruction.replace("\\\n", " ").split())
    with open(os.path.join(ROOT, "deploy", "k8s", "base", "api-deployment.yaml")) as deployment:
        for name, value in re.findall(r"^\s*- name: (\S+)\n\s*value: (.*)$", deployment.read(), re.M):
            if name.startswith(("OTEL_", "ASPNETCORE_", "DOTNET_")):
                settings[name] = value.strip('"')
    settings.pop("ASPNETCORE_HTTP_PORTS", None)  # each process gets its own port (--urls)
    return settings


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kwargs)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def publish(project, name, symbols=False):
    target = os.path.join(OUT, name)
    shutil.rmtree(target, ignore_errors=True)
    # The native linker's output is reused as long as its object file is unchanged, even when StripSymbols differs:
    # without this, a run after --perf (or any build with symbols) would publish and size the unstripped executable.
    for linked in glob.glob(os.path.join(ROOT, os.path.dirname(project), "bin", "Release", "*", "linux-x64", "native")):
        shutil.rmtree(linked)
    # With symbols kept in the executable, perf names the managed methods (for --perf).
    run(["dotnet", "publish", os.path.join(ROOT, project), "-c", "Release", "-r", "linux-x64",
         "-p:PublishAot=true", "-p:DebugType=none", f"-p:StripSymbols={'false' if symbols else 'true'}", "-o", target])
    # What an image would ship: everything but the native debug symbols.
    size = sum(os.path.getsize(os.path.join(target, f)) for f in os.listdir(target) if not f.endswith((".dbg", ".pdb")))
    return target, size


class OtlpSink(http.server.BaseHTTPRequestHandler):
    """Accepts OTLP/HTTP exports like a collector would, and drops them."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class Postgres:
    def __init__(self, core=SERVICE_CORE):
        self.dir = tempfile.mkdtemp(prefix="bench-pg-")
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() == 0:
            run(["chown", "-R", "postgres:postgres", self.dir])
        bindir = next((d for d in sorted(os.listdir("/usr/lib/postgresql"), reverse=True)), None) if os.path.isdir("/usr/lib/postgresql") else None
        self.bin = os.path.join("/usr/lib/postgresql", bindir, "bin") if bindir else ""
        run(self.as_postgres + [os.path.join(self.bin, "initdb"), "-D", f"{self.dir}/data", "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"])
        # Durable commits (fsync on): a 200 on POST means the comment is on disk.
        run(["taskset", "-c", core] + self.as_postgres + [os.path.join(self.bin, "pg_ctl"), "-D", f"{self.dir}/data", "-l", f"{self.dir}/log", "-w",
             "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB", "start"])

    def connection_string(self, db):
        return f"Host=127.0.0.1;Port={self.port};Username=postgres;Database={db}"

    def sql(self, db, statement):
        return run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", db, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", statement]).stdout

    def wait_for_table(self, db, table="comments"):
        """The API creates its schema in the background after start; wait for it."""
        for _ in range(300):
            if self.sql(db, f"SELECT to_regclass('{table}') IS NOT NULL").strip() == "t":
                return
            time.sleep(0.1)
        raise RuntimeError(f"the API did not create the {table} table in {db} within 30 s")

    def stop(self):
        subprocess.run(self.as_postgres + [os.path.join(self.bin, "pg_ctl"), "-D", f"{self.dir}/data", "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


class Service:
    """A server pinned to the service core; records the time from process start to the first 200 on /."""

    def __init__(self, executable, env, scraped=False):
        self.scraped = scraped  # serves /metrics, read during the load as in the cluster
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        started = time.monotonic()
        # Run from its own folder, as in the container (WORKDIR /app): that is where appsettings.json is.
        self.log = open(executable + ".log", "w")
        self.process = subprocess.Popen(["taskset", "-c", SERVICE_CORE, executable, "--urls", self.url], cwd=os.path.dirname(executable),
                                        env={**os.environ, **env}, stdout=self.log, stderr=subprocess.STDOUT, text=True)
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"{executable} exited; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.002)
        self.startup = time.monotonic() - started

    def rss_mib(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            return int(next(l for l in status if l.startswith("VmRSS:")).split()[1]) / 1024

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=60)
        self.log.close()


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids):
    """User + system CPU time of the processes (and their finished children), from /proc."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total / TICKS


def postgres_pids():
    return [int(p) for p in subprocess.run(["pgrep", "-u", "postgres", "postgres"], text=True, capture_output=True).stdout.split()]


def run_queue_seconds(pids):
    """Time the processes' threads spent runnable but waiting for a core (/proc/<pid>/task/<tid>/schedstat)."""
    total = 0
    for pid in pids:
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except FileNotFoundError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{pid}/task/{task}/schedstat") as schedstat:
                    total += int(schedstat.read().split()[1])
            except FileNotFoundError:
                pass
    return total / 1e9


def scrape_interval():
    """Seconds between Prometheus's scrapes of the api in the cluster (deploy/k8s/base/api-servicemonitor.yaml)."""
    with open(os.path.join(ROOT, "deploy", "k8s", "base", "api-servicemonitor.yaml")) as monitor:
        return int(re.search(r"^\s*interval: (\d+)s$", monitor.read(), re.M).group(1))


SCRAPE_INTERVAL = scrape_interval()


def scrape_metrics(url, duration, failures):
    """Reads /metrics as Prometheus does in the cluster, at its interval: once in the middle of a shorter run."""
    done = threading.Event()

    def loop():
        delay = min(duration / 2, SCRAPE_INTERVAL)
        while not done.wait(delay):
            try:
                with urllib.request.urlopen(url + "/metrics", timeout=5) as response:
                    response.read()
            except OSError as error:
                failures.append(error)
            delay = SCRAPE_INTERVAL

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    return lambda: (done.set(), thread.join())


def wrk(url, script, duration, connections, stories, service=None):
    database = postgres_pids() if service else []
    cpu_before = (cpu_seconds([service.process.pid]), cpu_seconds(database)) if service else (0, 0)
    waited_before = run_queue_seconds(database)
    scrape_failures = []
    stop_scraping = scrape_metrics(url, duration, scrape_failures) if service and service.scraped else lambda: None
    try:
        result = subprocess.run(["taskset", "-c", LOAD_CORE, "wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency",
                                 "-s", os.path.join(BENCH, "lua", script), url],
                                text=True, capture_output=True, env={**os.environ, "BENCH_STORIES": str(stories)}, check=True)
    finally:
        stop_scraping()
    text = result.stdout

    def latency(label):
        value, unit = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, socket_errors.groups())) if socket_errors else 0) + len(scrape_failures)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    # Where the service core's time goes: microseconds of CPU per request in the server and in PostgreSQL (its
    # processes now: backends may have started during the run).
    database = postgres_pids() if service else []
    server_cpu = (cpu_seconds([service.process.pid]) - cpu_before[0]) / requests * 1e6 if service else 0
    database_cpu = (cpu_seconds(database) - cpu_before[1]) / requests * 1e6
    # How long PostgreSQL's processes, together, were ready to run but waited for the core: per second of the run.
    database_waited = (run_queue_seconds(database) - waited_before) / duration * 1000
    return {"rps": rps, "requests": requests, "p50": latency("50%"), "p99": latency("99%"), "errors": errors, "server_us": server_cpu,
            "db_us": database_cpu, "db_waited_ms": database_waited}


STARTS = 15


def startup_medians(services, runs=STARTS):
    """Median time from process start to the first 200 on /, for each (executable, env), over several starts taken in
    turn, so that a slower or faster spell of this virtual machine touches every service alike."""
    times = [[] for _ in services]
    for _ in range(runs):
        for i, (executable, env) in enumerate(services):
            service = Service(executable, env)
            times[i].append(service.startup)
            service.stop()
    return [sorted(t)[len(t) // 2] for t in times]


# Name, wrk script, settings on top of the production ones. The API also runs GET with its list cache off, so that
# the table shows the database path too (the baseline has no cache; that row is compared with its GET).
SCENARIOS = (("GET list", "list.lua", {}), ("POST new", "post.lua", {}), ("90/10 mix", "mix.lua", {}))
CACHE_OFF = {"Comments__ListCacheBytes": "0"}
API_SCENARIOS = SCENARIOS + (("GET list, cache off", "list.lua", CACHE_OFF),)
# The 1,000,000-comment GETs: name, settings, and the 10,000-comment scenario they are compared with. The default
# cache (16 MiB) holds about a tenth of 100,000 stories' first pages; the third run sizes it for all of them.
SCALE_SCENARIOS = (("GET list", {}, "GET list"), ("GET list, cache off", CACHE_OFF, "GET list, cache off"),
                   ("GET list, 256 MiB cache", {"Comments__ListCacheBytes": str(256 * 2**20)}, "GET list"))


WARM_EVERY_STORY_SECONDS = 15


def measure(start, reset, args, stories, scenarios, profile=False, warm_every_story=False):
    """Each scenario on freshly seeded data (reset) and a fresh process, so that earlier scenarios' posts change nothing.

    The warm-up is 3 s of the random GETs, which reads each of 1,000 stories many times; over 100,000 stories it would
    leave about a third unread, and the run would measure a cache filling up rather than serving. warm_every_story
    reads every story in order instead (several times over), and fails if a single pass did not finish."""
    results = {}
    for name, script, settings in scenarios:
        reset()
        service = start(settings)
        try:
            if warm_every_story:
                warm = wrk(service.url, "warm.lua", WARM_EVERY_STORY_SECONDS, args.connections, stories)
                if warm["requests"] < stories:
                    raise RuntimeError(f"{name}: the warm-up read {warm['requests']:,} of {stories:,} stories in {WARM_EVERY_STORY_SECONDS} s")
            else:
                wrk(service.url, "list.lua", 3, args.connections, stories)
            recorder = None
            if profile:
                # CPU samples with call stacks of the service process during the measured run, for `perf report -i`.
                path = os.path.join(BENCH, "results", re.sub(r"[^a-z0-9]+", "-", name.lower()) + ".perf.data")
                recorder = subprocess.Popen(["perf", "record", "-F", "999", "-g", "-p", str(service.process.pid), "-o", path,
                                             "--", "sleep", str(args.duration)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            results[name] = wrk(service.url, script, args.duration, args.connections, stories, service)
            if recorder:
                recorder.wait()
            results[name]["rss"] = service.rss_mib()
        finally:
            service.stop()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--perf", action="store_true",
                        help="also record a perf profile of the API in each scenario (bench/results/<scenario>.perf.data); "
                             "the profiler slows the API side only, so ratios drop")
    parser.add_argument("--postgres-on-load-core", action="store_true",
                        help="diagnostic: run PostgreSQL on the load generator's core instead of the service core, to show "
                             "what sharing the core with the database costs the API; its ratios are not the targets' setup")
    args = parser.parse_args()
    for tool in ("wrk", "taskset", "psql"):
        if shutil.which(tool) is None:
            sys.exit(f"error: {tool} is not installed (apt-get install wrk postgresql util-linux)")
    os.sched_setaffinity(0, {int(LOAD_CORE)})

    print("publishing the API and the baseline (Release, native AOT)...", file=sys.stderr)
    if args.perf and shutil.which("perf") is None:
        sys.exit("error: --perf needs perf (apt-get install linux-perf)")
    os.makedirs(os.path.join(BENCH, "results"), exist_ok=True)
    api_dir, api_size = publish("Api/Api.csproj", "api", symbols=args.perf)
    baseline_dir, baseline_size = publish("bench/Baseline/Baseline.csproj", "baseline")
    durable_dir, _ = publish("bench/DurableBaseline/DurableBaseline.csproj", "durable-baseline")

    sink = http.server.ThreadingHTTPServer(("127.0.0.1", 0), OtlpSink)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    postgres = Postgres(LOAD_CORE if args.postgres_on_load_core else SERVICE_CORE)
    try:
        postgres.sql("postgres", "CREATE DATABASE bench")
        api_env = {
            **deployed_settings(),
            "ConnectionStrings__comments": postgres.connection_string("bench"),
            "RateLimiting__Writes__PermitLimit": "1000000000",
            # Traces go to Jaeger over gRPC in the cluster; here over HTTP to a sink.
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": f"http://127.0.0.1:{sink.server_address[1]}/v1/traces",
            "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
        }
        seed = ("INSERT INTO comments (request_id, content_id, email, comment, created_at) "
                "SELECT gen_random_uuid(), s::text, 'reader' || c || '@example.com', 'seeded comment ' || c || ' on story ' || s, now() "
                "FROM generate_series(1, {stories}) s, generate_series(0, {per} - 1) c ORDER BY s, c")
        # Set hint bits and statistics once, so that neither run pays for the bulk load during the measurement.
        vacuum = "VACUUM ANALYZE comments"

        def reset_api_data():
            postgres.sql("bench", "TRUNCATE comments RESTART IDENTITY")
            postgres.sql("bench", seed.format(stories=STORIES, per=PER_STORY))
            postgres.sql("bench", vacuum)

        print("measuring the API...", file=sys.stderr)
        first = Service(os.path.join(api_dir, "Api"), api_env)  # creates the schema in the background
        postgres.wait_for_table("bench")
        first.stop()
        api_results = measure(lambda settings: Service(os.path.join(api_dir, "Api"), {**api_env, **settings}, scraped=True), reset_api_data, args, STORIES, API_SCENARIOS, profile=args.perf)

        print("measuring the baseline...", file=sys.stderr)
        baseline_env = {"SEED_STORIES": str(STORIES), "SEED_COMMENTS": str(PER_STORY)}
        baseline_results = measure(lambda settings: Service(os.path.join(baseline_dir, "Baseline"), baseline_env), lambda: None, args, STORIES, SCENARIOS)
        print("measuring the durable baseline...", file=sys.stderr)
        durable_env = {**baseline_env, "ConnectionStrings__comments": api_env["ConnectionStrings__comments"]}
        durable_results = measure(lambda settings: Service(os.path.join(durable_dir, "DurableBaseline"), durable_env), reset_api_data, args, STORIES, SCENARIOS)
        print("measuring start-up...", file=sys.stderr)
        api_startup, baseline_startup = startup_medians([(os.path.join(api_dir, "Api"), api_env), (os.path.join(baseline_dir, "Baseline"), baseline_env)])

        scale = {}
        if not args.skip_scale:
            print("measuring GET with 1,000,000 stored comments...", file=sys.stderr)
            postgres.sql("postgres", "CREATE DATABASE scale")
            scale_env = {**api_env, "ConnectionStrings__comments": postgres.connection_string("scale")}
            first = Service(os.path.join(api_dir, "Api"), scale_env)
            postgres.wait_for_table("scale")
            first.stop()
            postgres.sql("scale", seed.format(stories=SCALE_STORIES, per=PER_STORY))
            postgres.sql("scale", vacuum)
            scale = measure(lambda settings: Service(os.path.join(api_dir, "Api"), {**scale_env, **settings}, scraped=True), lambda: None, args,
                            SCALE_STORIES, [(name, "list.lua", settings) for name, settings, _ in SCALE_SCENARIOS], warm_every_story=True)
    finally:
        postgres.stop()
        sink.shutdown()

    lines = [f"Run {datetime.date.today()} on {os.cpu_count()} cores: `bench/run.py --duration {args.duration} --connections {args.connections}` "
             f"(wrk -t1 -c{args.connections} on core {LOAD_CORE}; service side on core {SERVICE_CORE}"
             f"{f'; DIAGNOSTIC: PostgreSQL on core {LOAD_CORE} with wrk' if args.postgres_on_load_core else ''}).", "",
             "| Scenario | API req/s | Baseline req/s | Ratio | API p50 ms | Baseline p50 ms | p50 ratio | API p99 ms | Baseline p99 ms | p99 ratio | Errors | API CPU us/req | PostgreSQL CPU us/req | Baseline CPU us/req | PostgreSQL waiting for the core, ms/s |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    failed = False
    for name in api_results:
        a, b = api_results[name], baseline_results[name.split(",")[0]]
        failed |= a["errors"] > 0 or b["errors"] > 0
        lines.append(f"| {name} | {a['rps']:,.0f} | {b['rps']:,.0f} | {a['rps'] / b['rps']:.2f} | {a['p50']:.2f} | {b['p50']:.2f} | {a['p50'] / b['p50']:.2f} | {a['p99']:.2f} | "
                     f"{b['p99']:.2f} | {a['p99'] / b['p99']:.2f} | {a['errors']} / {b['errors']} | {a['server_us']:.0f} | {a['db_us']:.0f} | {b['server_us']:.0f} | "
                     f"{a['db_waited_ms']:.0f} |")
    lines += ["", "| Durable baseline (the baseline, its posts committed in PostgreSQL) | req/s | Ratio | p99 ms | p99 ratio | Errors | CPU us/req | PostgreSQL CPU us/req | PostgreSQL waiting for the core, ms/s |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, d in durable_results.items():
        b = baseline_results[name]
        failed |= d["errors"] > 0
        lines.append(f"| {name} | {d['rps']:,.0f} | {d['rps'] / b['rps']:.2f} | {d['p99']:.2f} | {d['p99'] / b['p99']:.2f} | {d['errors']} | {d['server_us']:.0f} | "
                     f"{d['db_us']:.0f} | {d['db_waited_ms']:.0f} |")
    api_rss, baseline_rss = (max(r["rss"] for r in results.values()) for results in (api_results, baseline_results))
    lines += ["", "| Measure | API | Baseline | Ratio |", "|---|---:|---:|---:|",
              f"| Start to first 200 on / (median of {STARTS}, API and baseline in turn) | {api_startup * 1000:.0f} ms | {baseline_startup * 1000:.0f} ms | {api_startup / baseline_startup:.2f} |",
              f"| RSS after the GET list load (same data on both sides) | {api_results['GET list']['rss']:.1f} MiB | {baseline_results['GET list']['rss']:.1f} MiB | "
              f"{api_results['GET list']['rss'] / baseline_results['GET list']['rss']:.2f} |",
              # The baseline keeps every posted comment in memory, so after POST its RSS grows with the run's length.
              f"| RSS after load, highest over the scenarios | {api_rss:.0f} MiB | {baseline_rss:.0f} MiB | {api_rss / baseline_rss:.2f} |",
              f"| Published app size{' (API with symbols: --perf)' if args.perf else ''} | {api_size / 2**20:.1f} MiB | {baseline_size / 2**20:.1f} MiB | {api_size / baseline_size:.2f} |"]
    if scale:
        lines += ["", "| Scale: 1,000,000 comments over 100,000 stories | req/s | p99 ms | Errors | API RSS after | Ratio to the same GET with 10,000 comments |",
                  "|---|---:|---:|---:|---:|---:|"]
        for name, _, compared_with in SCALE_SCENARIOS:
            big = scale[name]
            failed |= big["errors"] > 0
            lines.append(f"| {name} | {big['rps']:,.0f} | {big['p99']:.2f} | {big['errors']} | {big['rss']:.0f} MiB | {big['rps'] / api_results[compared_with]['rps']:.2f} |")
    table = "\n".join(lines)
    print(table)
    with open(os.path.join(BENCH, "results", "latest-postgres-on-load-core.md" if args.postgres_on_load_core else "latest.md"), "w") as out:
        out.write(table + "\n")
    if failed:
        sys.exit("error: non-2xx answers or socket errors during the run (see the Errors column)")


if __name__ == "__main__":
    main()
