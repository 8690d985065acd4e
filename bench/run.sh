#!/usr/bin/env bash
# Runs a benchmark against the same infrastructure the tests use (local PostgreSQL and an in-JVM
# Kafka broker without Docker; Testcontainers with it). Benchmarks that report figures beside their
# baselines also write bench/results/<date>-<workload>.json and a chart (.html) beside it.
#   bench/run.sh all                  every workload below in turn, each with its defaults (about an hour)
#   bench/run.sh bookings [seconds] [callers]  workload 1: bookings over HTTP from 1, 8, 32 and 128 closed-loop
#                                      callers (or a comma-separated list), at four clinics and at one, beside
#                                      plain JDBC appends of the same rows; seconds per level (default 20)
#   bench/run.sh lag [rates] [seconds] workload 2: bookings offered at fixed rates (open loop) followed to the scheduling
#                                      read model, treatment's sessions and the confirmation mail, beside a plain
#                                      pipeline; on the whole platform as separate processes (default 50,100,200/s, 30 s)
#   bench/run.sh replay [events]       workload 3: the scheduling read model rebuilt from a generated store,
#                                      beside a plain sequential read of the same table (default 1000000 events)
#   bench/run.sh large-store [events] [seconds] [callers]  workload 5: the bookings of workload 1 (four clinics, 32
#                                      callers) and aggregate loading, on the store the practice made and again after
#                                      generated events fill it (default 10000000 events: about half an hour)
#   bench/run.sh bridge [events]      workload 4: the Kafka bridge against plain clients (default 20000 events)
#   bench/run.sh scale-out [seconds] [callers]  workload 6: the bookings of workload 1 (four clinics) on two
#                                      booking-service instances beside one, at 8 and 32 callers (or a list)
#   bench/run.sh free-slots [rounds]  free-slot search, 20 therapists over 90 days (default 1000 rounds)
#   bench/run.sh notifications [count] confirmations from Kafka to the SMTP server (default 2000)
#   bench/run.sh dashboard [rounds]    the admin's dashboard in headless Chromium: first paint, charts drawn,
#                                      event to live chart, each beside its baseline (default 20 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."

benchmark() {
  case "$1" in
    bookings) echo "io.soleus.bench.BookingThroughputBenchmark ${2:-20} ${3:-1,8,32,128}" ;;
    lag) echo "io.soleus.bench.EndToEndLagBenchmark ${2:-50,100,200} ${3:-30}" ;;
    replay) echo "io.soleus.bench.ReplayBenchmark ${2:-1000000}" ;;
    large-store) echo "io.soleus.bench.LargeStoreBenchmark ${2:-10000000} ${3:-20} ${4:-32}" ;;
    bridge) echo "io.soleus.bench.BridgeBenchmark ${2:-20000}" ;;
    scale-out) echo "io.soleus.bench.ScaleOutBenchmark ${2:-20} ${3:-8,32}" ;;
    free-slots) echo "io.soleus.bench.FreeSlotBenchmark ${2:-1000}" ;;
    notifications) echo "io.soleus.bench.NotificationBenchmark ${2:-2000}" ;;
    dashboard) echo "io.soleus.bench.DashboardBenchmark ${2:-20}" ;;
    *) return 1 ;;
  esac
}

workload="${1:-bridge}"
if [ "$workload" = all ]; then
  runs=(bookings lag replay large-store bridge scale-out free-slots notifications dashboard)
elif benchmark "$@" >/dev/null; then
  runs=("$workload")
else
  echo "usage: bench/run.sh all|bookings|lag|replay|large-store|bridge|scale-out|free-slots|notifications|dashboard [count]" >&2
  exit 2
fi

# the lag and dashboard benchmarks start every part from its runnable jar: all of them are built
./mvnw -B -q -ntp install -DskipTests
# a plain JVM on the module's class path: some benchmarks start Kafka and the services from it
./mvnw -B -q -ntp -pl bench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
# temporary files (the in-JVM broker's log) under target: a long run must not lose them to a /tmp cleaner
mkdir -p bench/target/tmp
for run in "${runs[@]}"; do
  if [ "$workload" = all ]; then
    set -- "$run"
  fi
  # shellcheck disable=SC2046 # the class and its arguments, split on purpose
  java -Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider -Djava.io.tmpdir=bench/target/tmp \
    -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.soleus.bench.Run $(benchmark "$@")
done
