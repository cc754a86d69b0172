package io.contrastream.producer.publish;

/** What a publishing run did: pairs acknowledged by the broker, failed sends, and time taken. */
public record PublishSummary(long sent, long failed, double seconds) {

    public double pairsPerSecond() {
        return seconds <= 0 ? 0 : sent / seconds;
    }
}
