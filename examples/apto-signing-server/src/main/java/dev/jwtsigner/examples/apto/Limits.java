package dev.jwtsigner.examples.apto;

import java.time.Duration;
import java.util.Map;

/**
 * The signing server's limits, each read from an environment variable (the README's table lists them with
 * their defaults):
 *
 * <pre>{@code
 * Limits limits = Limits.fromEnvironment(Map.of("SIGNER_THREADS", "4", "REQUEST_TIMEOUT_SECONDS", "5"));
 * }</pre>
 *
 * @param signerThreads threads that sign (the CPU work); default: the number of processors
 * @param queueLength signing jobs that may wait for a thread; one more is answered {@code 503} with {@code Retry-After}
 * @param maxConnections open connections at most; the JDK's server closes a connection accepted beyond it
 * @param requestTimeout the time from a request's first byte to the end of its body; beyond it the connection is closed
 * @param responseTimeout the time a client has to read the answer
 * @param idleTimeout how long a kept-alive connection may sit idle between requests
 * @param maxHeaderBytes the request line and headers at most; beyond it the connection is closed
 * @param maxBodyBytes the body at most; a longer one (chunked or not) gets {@code 413}
 * @param shutdownGrace how long a stop (SIGTERM, Ctrl-C) waits for requests in flight
 * @param keyReloadInterval how often at most {@code APTO_PRIVATE_KEY_FILE} is checked for a new version
 */
public record Limits(int signerThreads, int queueLength, int maxConnections, Duration requestTimeout,
    Duration responseTimeout, Duration idleTimeout, int maxHeaderBytes, int maxBodyBytes, Duration shutdownGrace,
    Duration keyReloadInterval) {

  /** The defaults, with {@code processors} signing threads. */
  public static Limits defaults(int processors) {
    return new Limits(processors, 64 * processors, 1_000, Duration.ofSeconds(10), Duration.ofSeconds(10),
        Duration.ofSeconds(30), 16 * 1024, 64 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  /** The limits set in {@code env}, the defaults for the others. */
  public static Limits fromEnvironment(Map<String, String> env) {
    Limits d = defaults(Runtime.getRuntime().availableProcessors());
    return new Limits(
        number(env, "SIGNER_THREADS", d.signerThreads, 1, 1_024),
        number(env, "SIGNER_QUEUE", d.queueLength, 0, 1_000_000),
        number(env, "MAX_CONNECTIONS", d.maxConnections, 1, 100_000),
        seconds(env, "REQUEST_TIMEOUT_SECONDS", d.requestTimeout),
        seconds(env, "RESPONSE_TIMEOUT_SECONDS", d.responseTimeout),
        seconds(env, "IDLE_TIMEOUT_SECONDS", d.idleTimeout),
        number(env, "MAX_HEADER_BYTES", d.maxHeaderBytes, 1_024, 1 << 20),
        number(env, "MAX_BODY_BYTES", d.maxBodyBytes, 2, 1 << 24),
        Duration.ofSeconds(number(env, "SHUTDOWN_GRACE_SECONDS", (int) d.shutdownGrace.toSeconds(), 0, 3_600)),
        seconds(env, "KEY_RELOAD_SECONDS", d.keyReloadInterval));
  }

  private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
    return Duration.ofSeconds(number(env, name, (int) fallback.toSeconds(), 1, 3_600));
  }

  private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalStateException(name + " is not a whole number from " + min + " to " + max
        + ". Fix: set it to such a number, or unset it for the default (" + fallback + ").");
  }
}
