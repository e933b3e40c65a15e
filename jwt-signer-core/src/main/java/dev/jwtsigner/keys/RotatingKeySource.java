package dev.jwtsigner.keys;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Several keys, each under its own kid, one of them active. {@link #signingKey()} returns the active key
 * with its own kid, and {@link #activate(String)} switches atomically, so a token can never carry one key's
 * kid and another key's signature. Thread-safe.
 *
 * <pre>{@code
 * RotatingKeySource keys = RotatingKeySource.builder()
 *     .key("key_1", KeySource.fromPem(Path.of("key_1.pem")))
 *     .key("key_2", KeySource.fromPem(Path.of("key_2.pem")))
 *     .active("key_1")
 *     .build();
 * // once the platform has key_2's public key:
 * keys.activate("key_2");
 * }</pre>
 *
 * <p>A key may come from any source, a {@link ReloadingKeySource} included; the kid given here is the one
 * its tokens carry.
 */
public final class RotatingKeySource implements KeySource {

  private final Map<String, KeyIdSource> sources;
  private final AtomicReference<KeyIdSource> active;

  private RotatingKeySource(Map<String, KeyIdSource> sources, String activeKeyId) {
    this.sources = sources;
    this.active = new AtomicReference<>(sources.get(activeKeyId));
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder(Map.of(), null);
  }

  /** The active key, with its kid. */
  @Override
  public SigningKey signingKey() {
    return active.get().signingKey();
  }

  /**
   * Makes the key registered under {@code keyId} the one every following {@link #signingKey()} returns.
   *
   * @throws KeyRejectedException with {@code KEY_ID_INVALID} if no key has that kid
   */
  public void activate(String keyId) {
    active.set(require(sources, keyId));
  }

  /** The kid of the active key. */
  public String activeKeyId() {
    return active.get().keyId();
  }

  /** Every kid, in the order the keys were added. */
  public Set<String> keyIds() {
    return sources.keySet();
  }

  /**
   * Refused: each key's kid is fixed when it is added.
   *
   * @throws KeyRejectedException with {@code KEY_ID_INVALID}, always
   */
  @Override
  public KeySource withKeyId(String keyId) {
    throw new KeyRejectedException(Reason.KEY_ID_INVALID,
        "a rotating source names each of its keys itself, so withKeyId cannot rename them."
            + " Fix: give each key its kid with RotatingKeySource.builder().key(kid, source).");
  }

  @Override
  public String toString() {
    return "RotatingKeySource[keys=" + sources.keySet() + ", active=" + activeKeyId() + "]";
  }

  private static KeyIdSource require(Map<String, KeyIdSource> sources, String keyId) {
    KeyIdSource source = keyId == null ? null : sources.get(keyId);
    if (source == null) {
      throw new KeyRejectedException(Reason.KEY_ID_INVALID,
          "kid " + (keyId == null ? "null" : "\"" + keyId + "\"") + " is not one of this source's keys " + sources.keySet()
              + ". Fix: use one of those kids, or add the key with RotatingKeySource.builder().key(kid, source).");
    }
    return source;
  }

  /**
   * Collects the keys of a {@link RotatingKeySource}. Immutable: every method returns a new builder.
   *
   * <pre>{@code
   * RotatingKeySource keys = RotatingKeySource.builder().key("key_1", current).key("key_2", next).active("key_1").build();
   * }</pre>
   */
  public static final class Builder {

    private final Map<String, KeyIdSource> sources;
    private final String active;

    private Builder(Map<String, KeyIdSource> sources, String active) {
      this.sources = sources;
      this.active = active;
    }

    /**
     * Adds {@code source}'s key under {@code keyId}. The source is asked for its key now, so a broken one
     * fails here.
     *
     * @throws KeyRejectedException with {@code KEY_ID_INVALID} if {@code keyId} is blank, already added, or
     *     differs from a kid the source already gives its key
     */
    public Builder key(String keyId, KeySource source) {
      KeyChecks.requireKeyId(keyId);
      if (source == null) {
        throw new KeyRejectedException(Reason.INVALID_ARGUMENT,
            "the source for kid \"" + keyId + "\" is null. Fix: pass a KeySource, such as KeySource.fromPem(path).");
      }
      if (sources.containsKey(keyId)) {
        throw new KeyRejectedException(Reason.KEY_ID_INVALID,
            "kid \"" + keyId + "\" was added twice. Fix: give each key its own kid.");
      }
      source.signingKey().keyId().filter(own -> !own.equals(keyId)).ifPresent(own -> {
        throw new KeyRejectedException(Reason.KEY_ID_INVALID,
            "the source added as kid \"" + keyId + "\" already gives its key kid \"" + own + "\"."
                + " Fix: add it under \"" + own + "\", or drop its withKeyId.");
      });
      Map<String, KeyIdSource> next = new LinkedHashMap<>(sources);
      next.put(keyId, new KeyIdSource(source, keyId));
      return new Builder(Collections.unmodifiableMap(next), active);
    }

    /** The kid of the key to sign with first; default: the first key added. */
    public Builder active(String keyId) {
      return new Builder(sources, KeyChecks.requireKeyId(keyId));
    }

    /**
     * The rotating source.
     *
     * @throws KeyRejectedException with {@code INVALID_ARGUMENT} if no key was added, or {@code KEY_ID_INVALID}
     *     if the active kid names none of them
     */
    public RotatingKeySource build() {
      if (sources.isEmpty()) {
        throw new KeyRejectedException(Reason.INVALID_ARGUMENT,
            "a rotating source needs at least one key. Fix: add keys with .key(\"key_1\", KeySource.fromPem(path)).");
      }
      String first = sources.keySet().iterator().next();
      String chosen = active == null ? first : active;
      require(sources, chosen);
      return new RotatingKeySource(sources, chosen);
    }
  }
}
