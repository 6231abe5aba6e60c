#!/bin/bash
# Creates the TempPic topics if they are missing and checks the partition count of existing ones.
# Runs in the apache/kafka image. Required environment: BOOTSTRAP_SERVERS.
# Optional: PARTITIONS (default 6), REPLICATION_FACTOR (default 1), RETENTION_MS (default 7 days).
set -euo pipefail

PARTITIONS="${PARTITIONS:-6}"
REPLICATION_FACTOR="${REPLICATION_FACTOR:-1}"
RETENTION_MS="${RETENTION_MS:-604800000}"
TOPICS_CMD=/opt/kafka/bin/kafka-topics.sh

# The dead-letter topic gets the same partition count, because Spring Kafka's dead-letter publisher
# writes a failed record to the partition with the same number as its source partition.
for topic in temppic.image-events temppic.image-events.DLT; do
  "$TOPICS_CMD" --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists \
    --topic "$topic" --partitions "$PARTITIONS" --replication-factor "$REPLICATION_FACTOR" \
    --config retention.ms="$RETENTION_MS"

  description="$("$TOPICS_CMD" --bootstrap-server "$BOOTSTRAP_SERVERS" --describe --topic "$topic")"
  case "$description" in
    *"PartitionCount: ${PARTITIONS}"[!0-9]*) echo "create-topics: $topic has $PARTITIONS partitions" ;;
    *)
      # Adding partitions later would move image ids to other partitions and break per-image
      # ordering, so a mismatch is reported for an operator to decide, not fixed here.
      echo "create-topics: $topic exists with an unexpected partition count (expected $PARTITIONS). Current description:" >&2
      echo "$description" >&2
      exit 1
      ;;
  esac
done
