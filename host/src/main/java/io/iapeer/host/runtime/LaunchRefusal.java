package io.iapeer.host.runtime;

/** A launch that must not start; {@code reason} is the one-line FAILED reason (03 §5). */
public record LaunchRefusal(String reason) implements Composition {}
