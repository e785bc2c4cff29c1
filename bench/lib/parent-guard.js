// Preloaded (node -r) into every benchmark child: when the runner dies without
// cleaning up (SIGKILL, crash), the child notices it was re-parented and exits,
// so no gateway or baseline server outlives the benchmark.
const parent = Number(process.env.BENCH_PARENT_PID || process.ppid);
const timer = setInterval(() => {
  let alive = process.ppid === parent;
  if (alive) {
    try {
      process.kill(parent, 0);
    } catch {
      alive = false;
    }
  }
  if (!alive) process.exit(1);
}, 1000);
timer.unref();
