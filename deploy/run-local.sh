#!/usr/bin/env bash
# The whole platform on this machine: builds it, then starts Kafka, the identity provider, the three
# services, the web front end and an SMTP catcher, each in its own process, on the PostgreSQL at
# SOLEUS_DB_URL, else localhost:5432, else an embedded PostgreSQL server of its own (localhost:15432;
# installed binaries, else PostgreSQL from Maven Central). Writes demo data, prints the one URL to
# open and the demo sign-ins; Ctrl-C stops everything.
#   deploy/run-local.sh          fresh databases and topics
#   deploy/run-local.sh --keep   keep the last run's data
#   deploy/run-local.sh --no-demo  fresh, without demo data
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Building (the first time downloads dependencies)…"
./mvnw -B -q -ntp install -DskipTests
./mvnw -B -q -ntp -pl deploy dependency:build-classpath -Dmdep.outputFile=target/local.classpath -Dmdep.includeScope=runtime
# GreenMail's standalone jar, on the classpath to be started from it, carries Logback too: the
# launcher's own few log lines go through slf4j-simple, without a word about the choice
exec java -Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider -Dslf4j.internal.verbosity=WARN \
  -cp "deploy/target/classes:$(cat deploy/target/local.classpath)" io.soleus.deploy.local.LocalPlatform "$@"
