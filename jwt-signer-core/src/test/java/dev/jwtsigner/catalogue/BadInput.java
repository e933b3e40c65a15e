package dev.jwtsigner.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jwtsigner.JwtSignerException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * The hostile inputs of the bad-input catalogue, built once, and the check every row makes: the call ends
 * (within {@link #TIME_LIMIT}) with a typed {@link JwtSignerException} — never a signature or other result, an
 * {@code Error}, or a raw JDK, nimbus or Bouncy Castle exception — whose message is short and printable, and
 * which {@link LeakWatch} inspects for secrets.
 *
 * <pre>{@code
 * JwtSignerException e = BadInput.rejected(() -> KeySource.fromPemText(BadInput.TEN_MB));
 * assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED);
 * }</pre>
 */
public final class BadInput {

  /** Generous: every row finishes in milliseconds; a hang or runaway loop fails here. */
  public static final Duration TIME_LIMIT = Duration.ofSeconds(20);
  /** No message may be longer, whatever the input's size: a message goes into a log line. */
  public static final int MAX_MESSAGE_CHARS = 4_000;

  /** 10 MiB of {@code A}. */
  public static final String TEN_MB = "A".repeat(10 << 20);
  /** 4 KiB of seeded random bytes, each as one character (NUL and every control character included). */
  public static final String BINARY = binary();
  /** NUL, bell, an ANSI escape, CR LF and a forged log line. */
  public static final String CONTROL = "key\u0000\u0007\u001b[2J\r\n2024-01-01 INFO forged line";
  /** Lone UTF-16 surrogates, high and low. */
  public static final String LONE_SURROGATES = "a\uD800b\uDC00c";
  /** Arrays nested 20,000 deep. */
  public static final String DEEP_JSON = "[".repeat(20_000) + "]".repeat(20_000);
  /** Objects nested 20,000 deep. */
  public static final String DEEP_OBJECT = "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000);
  /** A JSON object with a duplicate member name. */
  public static final String DUPLICATE_NAMES = "{\"a\":1,\"a\":2}";
  /** A number beyond double range. */
  public static final String HUGE_EXPONENT = "1e400";
  /** 2^70, beyond long range. */
  public static final String TWO_TO_THE_70 = "1180591620717411303424";

  private BadInput() {}

  /** The first half of {@code pem} (cut inside the base64 body, no END line). */
  public static String truncatedPem(String pem) {
    return pem.substring(0, pem.length() / 2);
  }

  /** {@code pem} with three characters cut from its last base64 line, so the body is not whole quads. */
  public static String truncatedBase64(String pem) {
    int end = pem.indexOf("-----END");
    int lastLineEnd = pem.lastIndexOf('\n', end - 1);
    return pem.substring(0, lastLineEnd - 3) + pem.substring(lastLineEnd);
  }

  /**
   * Runs {@code call} and returns the typed exception it must end with, failing on a result, a hang, an error
   * or a raw exception. The exception is recorded for {@link LeakWatch}.
   */
  public static JwtSignerException rejected(ThrowingSupplier<?> call) {
    Object outcome = assertTimeoutPreemptively(TIME_LIMIT, () -> {
      try {
        return new Object[] {call.get()};
      } catch (Throwable t) {
        return t;
      }
    });
    if (!(outcome instanceof Throwable thrown)) {
      Object result = ((Object[]) outcome)[0];
      LeakWatch.record(String.valueOf(result));
      return fail("expected a JwtSignerException, but the call returned " + describe(result));
    }
    LeakWatch.record(thrown);
    if (!(thrown instanceof JwtSignerException typed)) {
      return fail("expected a JwtSignerException, but the call threw " + thrown.getClass().getName(), thrown);
    }
    assertPrintable(typed.getMessage());
    return typed;
  }

  /** {@link #rejected} with the reason and the message's start asserted. */
  public static JwtSignerException rejected(ThrowingSupplier<?> call, JwtSignerException.Reason reason, String messageStart) {
    JwtSignerException e = rejected(call);
    assertThat(e.reason()).as("reason of: %s", e.getMessage()).isEqualTo(reason);
    assertThat(e.getMessage()).startsWith(messageStart);
    return e;
  }

  /** A message that fits a log line: bounded, with no control character but the violations' line breaks, no lone surrogate. */
  public static void assertPrintable(String message) {
    assertThat(message).isNotBlank();
    assertThat(message.length()).as("message length").isLessThanOrEqualTo(MAX_MESSAGE_CHARS);
    assertThat(message.codePoints().filter(c -> (c < 0x20 && c != '\n') || c == 0x7f || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)))
        .as("control characters or lone surrogates in: %s", message).isEmpty();
  }

  private static String describe(Object result) {
    String text = String.valueOf(result);
    return (result == null ? "null" : result.getClass().getSimpleName()) + " "
        + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
  }

  private static String binary() {
    byte[] bytes = new byte[4096];
    new Random(7).nextBytes(bytes);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
