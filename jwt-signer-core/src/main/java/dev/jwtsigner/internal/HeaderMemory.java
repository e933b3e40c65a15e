package dev.jwtsigner.internal;

import java.util.Arrays;
import java.util.Map;

/**
 * The last header a decoder read as one strict JSON object, kept because one signer's tokens share their
 * header: the same base64url text always reads to the same (immutable) map, so it is parsed once. The
 * decoder still checks the header's rules for every token. Thread-safe: a race only parses a header twice.
 *
 * <pre>{@code
 * Map<String, Object> header = memory.lookup(tokenBytes, firstDot);   // null: not the last one read
 * }</pre>
 */
final class HeaderMemory {

  /** A header's base64url text and the map it reads to. */
  private record Known(byte[] base64url, Map<String, Object> json) {}

  private volatile Known last;

  /** The map of the header {@code tokenBytes[0, end)} when it is the last one remembered, else null. */
  Map<String, Object> lookup(byte[] tokenBytes, int end) {
    Known known = last;
    return known != null && tokenBytes != null
        && Arrays.equals(tokenBytes, 0, end, known.base64url(), 0, known.base64url().length) ? known.json() : null;
  }

  /** Remembers that {@code tokenBytes[0, end)} reads to {@code header}. */
  void remember(byte[] tokenBytes, int end, Map<String, Object> header) {
    last = new Known(Arrays.copyOf(tokenBytes, end), header);
  }
}
