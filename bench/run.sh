#!/usr/bin/env bash
# Runs a benchmark against the same infrastructure the tests use (local PostgreSQL and an in-JVM
# Kafka broker without Docker; Testcontainers with it). Benchmarks that report figures beside their
# baselines also write bench/results/<date>-<workload>.json and a chart (.html) beside it.
#   bench/run.sh bridge [events]      the Kafka bridge against plain clients (default 20000 events)
#   bench/run.sh free-slots [rounds]  free-slot search, 20 therapists over 90 days (default 1000 rounds)
#   bench/run.sh bookings [seconds] [callers]  workload 1: bookings over HTTP from 1, 8, 32 and 128 closed-loop
#                                      callers (or a comma-separated list), at four clinics and at one, beside
#                                      plain JDBC appends of the same rows; seconds per level (default 20)
#   bench/run.sh scale-out [seconds] [callers]  workload 6: the bookings of workload 1 (four clinics) on two
#                                      booking-service instances beside one, at 8 and 32 callers (or a list)
#   bench/run.sh replay [events]       workload 3: the scheduling read model rebuilt from a generated store,
#                                      beside a plain sequential read of the same table (default 1000000 events)
#   bench/run.sh notifications [count] confirmations from Kafka to the SMTP server (default 2000)
#   bench/run.sh dashboard [rounds]    the admin's dashboard in headless Chromium: first paint, charts drawn,
#                                      event to live chart, each beside its baseline (default 20 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-bridge}" in
  bridge) main=io.soleus.bench.BridgeBenchmark; args="${2:-20000}" ;;
  free-slots) main=io.soleus.bench.FreeSlotBenchmark; args="${2:-1000}" ;;
  bookings) main=io.soleus.bench.BookingThroughputBenchmark; args="${2:-20} ${3:-1,8,32,128}" ;;
  replay) main=io.soleus.bench.ReplayBenchmark; args="${2:-1000000}" ;;
  scale-out) main=io.soleus.bench.ScaleOutBenchmark; args="${2:-20} ${3:-8,32}" ;;
  notifications) main=io.soleus.bench.NotificationBenchmark; args="${2:-2000}" ;;
  dashboard) main=io.soleus.bench.DashboardBenchmark; args="${2:-20}" ;;
  *) echo "usage: bench/run.sh bridge|free-slots|bookings|scale-out|replay|notifications|dashboard [count]" >&2; exit 2 ;;
esac
# the dashboard benchmark starts every part from its runnable jar: all of them are built
./mvnw -B -q -ntp install -DskipTests
# a plain JVM on the module's class path: the dashboard benchmark starts Kafka and the services from it
./mvnw -B -q -ntp -pl bench dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
exec java -Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider \
  -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.soleus.bench.Run "$main" $args
