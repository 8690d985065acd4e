package io.soleus.platform.kafka;

/**
 * A record from Kafka that this service could not read as an event: a contract version newer than it
 * knows, or a malformed record. It travels to the processing group in the record's place, keyed as the
 * record was, so its handler ({@link UnreadableRecordParking}) parks it in the group's dead-letter queue with
 * the reason and the aggregate's later events wait behind it; after an upgrade a retry reads it again.
 * The data is kept as it came, to be read then.
 *
 * @param type       the contract's wire name, if the record had one
 * @param version    the contract version the record says it is, if any
 * @param readableAs the oldest version whose readers can read it, if the record says
 * @param reason     why it could not be read, without any of its content
 */
public record UnreadableRecord(String type, Integer version, Integer readableAs, String topic, int partition,
                               long offset, String reason, byte[] data) {
}
