package dev.vigil.vrrp.engine;

/** How loud an engine log line is. */
public enum LogLevel {
    /** Always shown (keepalived's LOG_INFO lines). */
    INFO,
    /** Always shown; something is wrong on the wire or in the configuration. */
    WARN,
    /** Shown only with {@code -D} (keepalived's {@code LOG_DETAIL_BIT} lines). */
    DETAIL
}
