#!/usr/bin/env bash
# Runs the bridge benchmark against the same infrastructure the tests use (local PostgreSQL and an
# in-JVM Kafka broker without Docker; Testcontainers with it). Usage: bench/run.sh [events]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp install -DskipTests -pl bench -am
./mvnw -B -q -ntp -pl bench exec:java -Dexec.mainClass=io.soleus.bench.BridgeBenchmark -Dexec.args="${1:-20000}"
