package dev.vigil.config.keepalived.grammar;

/** How a keyword's value is read and checked. */
@FunctionalInterface
public interface ValueType<T> {

    T parse(String text) throws InvalidValueException;
}
