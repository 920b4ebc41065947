package dev.vigil.vrrp.engine;

/** What {@link AdvertCodec#decode} made of a message: an advert, or why not. */
public sealed interface DecodeResult {

    record Decoded(Advert advert) implements DecodeResult {
    }

    /** @param detail words for a log line, e.g. "length 20 and expect 24" */
    record Discarded(DiscardReason reason, String detail) implements DecodeResult {
    }
}
