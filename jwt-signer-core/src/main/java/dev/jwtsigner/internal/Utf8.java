package dev.jwtsigner.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The strict UTF-8 check of JSON bytes: no overlong forms, no encoded surrogates, nothing above U+10FFFF,
 * no truncated sequence.
 *
 * <pre>{@code
 * boolean ok = Utf8.isValid(payloadBytes);
 * }</pre>
 */
final class Utf8 {

  private static final ThreadLocal<Checker> CHECKERS = ThreadLocal.withInitial(Checker::new);

  private Utf8() {}

  /**
   * Whether {@code bytes} are well-formed UTF-8. ASCII, the usual content of a token, is checked byte by byte;
   * from the first other byte on, this thread's own strict JDK decoder checks the rest into a small scratch buffer.
   */
  static boolean isValid(byte[] bytes) {
    int i = 0;
    while (i < bytes.length && bytes[i] >= 0) {
      i++;
    }
    return i == bytes.length || CHECKERS.get().accepts(bytes, i);
  }

  /** A strict UTF-8 decoder that keeps nothing it decodes; one per thread, as decoders are not thread-safe. */
  private static final class Checker {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer scratch = CharBuffer.allocate(1_024);

    boolean accepts(byte[] bytes, int from) {
      ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
      decoder.reset();
      while (true) {
        scratch.clear();
        CoderResult result = decoder.decode(in, scratch, true);
        if (result.isError()) {
          return false;
        }
        if (result.isUnderflow()) {
          scratch.clear();
          return !decoder.flush(scratch).isError();
        }
      }
    }
  }
}
