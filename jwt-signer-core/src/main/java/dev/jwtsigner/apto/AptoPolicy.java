package dev.jwtsigner.apto;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.internal.KeyIds;
import dev.jwtsigner.internal.KeyRequirements;
import dev.jwtsigner.internal.StrictJson;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An Apto program's signed-payload settings: the public keys registered with the platform (at most
 * {@value #MAX_REGISTERED_KEYS}, each under its kid, for rotation), the payload size limit and the
 * nesting limit. The algorithm is always {@code RS256}. The same policy feeds
 * {@code SignedPayloadBuilder} and the test kit's {@code SignedPayloadVerifier}.
 *
 * <pre>{@code
 * AptoPolicy policy = AptoPolicy.builder()
 *     .registerKey("key_1", currentPublicKey)
 *     .registerKey("key_2", nextPublicKey)
 *     .maxPayloadBytes(64 * 1024)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AptoPolicy {

  /** The platform registers at most two public keys at a time. */
  public static final int MAX_REGISTERED_KEYS = 2;
  /** The default payload limit: 64 KiB of UTF-8. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
  /** The default nesting limit. */
  public static final int DEFAULT_MAX_DEPTH = StrictJson.DEFAULT_MAX_DEPTH;
  /** The only algorithm the platform accepts. */
  public static final JwsAlgorithm ALGORITHM = JwsAlgorithm.RS256;

  private static final int MIN_RSA_BITS = KeyRequirements.MIN_RSA_BITS;
  private static final AptoPolicy DEFAULTS = builder().build();

  private final Map<String, PublicKey> registeredKeys;
  private final int maxPayloadBytes;
  private final int maxDepth;

  private AptoPolicy(Builder b) {
    this.registeredKeys = Collections.unmodifiableMap(new LinkedHashMap<>(b.keys));
    this.maxPayloadBytes = b.maxPayloadBytes;
    this.maxDepth = b.maxDepth;
  }

  /** No registered keys, 64 KiB, depth 100. */
  public static AptoPolicy defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.keys.putAll(registeredKeys);
    b.maxPayloadBytes = maxPayloadBytes;
    b.maxDepth = maxDepth;
    return b;
  }

  /** The registered public keys by kid, in registration order; empty when none are registered. */
  public Map<String, PublicKey> registeredKeys() {
    return registeredKeys;
  }

  /** The largest payload, in UTF-8 bytes of its JSON. */
  public int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  /** The deepest nesting of objects and arrays a payload may have. */
  public int maxDepth() {
    return maxDepth;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AptoPolicy p && registeredKeys.equals(p.registeredKeys)
        && maxPayloadBytes == p.maxPayloadBytes && maxDepth == p.maxDepth;
  }

  @Override
  public int hashCode() {
    return Objects.hash(registeredKeys, maxPayloadBytes, maxDepth);
  }

  @Override
  public String toString() {
    return "AptoPolicy[registeredKeys=" + registeredKeys.keySet() + ", maxPayloadBytes=" + maxPayloadBytes
        + ", maxDepth=" + maxDepth + "]";
  }

  /** Builds an {@link AptoPolicy}; not thread-safe. */
  public static final class Builder {
    private final Map<String, PublicKey> keys = new LinkedHashMap<>();
    private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
    private int maxDepth = DEFAULT_MAX_DEPTH;

    private Builder() {}

    /**
     * Registers {@code publicKey} under {@code keyId}, as uploaded to the platform.
     *
     * @throws JwtSignerException with {@code INVALID_ARGUMENT} for a third key, a blank or repeated kid,
     *     or a key that is not RSA of 2048 bits or more
     */
    public Builder registerKey(String keyId, PublicKey publicKey) {
      String problem = KeyIds.problem(keyId);
      if (problem != null) {
        throw invalid("registerKey: the kid " + problem + ". Fix: pass the id the key was registered under, such as \"key_1\".");
      }
      if (keys.containsKey(keyId)) {
        throw invalid("registerKey: kid " + keyId + " is registered already. Fix: give each key its own kid.");
      }
      if (keys.size() >= MAX_REGISTERED_KEYS) {
        throw invalid("registerKey: the platform holds at most " + MAX_REGISTERED_KEYS
            + " public keys at a time. Fix: delete the old key before registering a third one.");
      }
      if (!(publicKey instanceof RSAPublicKey rsa)) {
        throw invalid("registerKey: kid " + keyId + " is not an RSA public key; signed payloads use RS256 only."
            + " Fix: register the RSA public key made by `openssl rsa -in private.pem -pubout -out public.pem`.");
      }
      int bits = rsa.getModulus().bitLength();
      if (bits < MIN_RSA_BITS) {
        throw invalid("registerKey: kid " + keyId + " has " + bits + " bits; at least " + MIN_RSA_BITS
            + " are required. Fix: make a 4096-bit key with `openssl genrsa -out private.pem 4096`.");
      }
      keys.put(keyId, publicKey);
      return this;
    }

    /** The payload limit in UTF-8 bytes (default 64 KiB); at least 2. */
    public Builder maxPayloadBytes(int bytes) {
      if (bytes < 2) {
        throw invalid("maxPayloadBytes is " + bytes + "; the smallest JSON object takes 2 bytes. Fix: pass 2 or more.");
      }
      this.maxPayloadBytes = bytes;
      return this;
    }

    /** The nesting limit (default 100), from 1 to {@value StrictJson#MAX_DEPTH_LIMIT}. */
    public Builder maxDepth(int depth) {
      if (depth < 1 || depth > StrictJson.MAX_DEPTH_LIMIT) {
        throw invalid("maxDepth is " + depth + "; it must be from 1 to " + StrictJson.MAX_DEPTH_LIMIT
            + ". Fix: pass a depth in that range.");
      }
      this.maxDepth = depth;
      return this;
    }

    /** The policy. */
    public AptoPolicy build() {
      return new AptoPolicy(this);
    }

    private static JwtSignerException invalid(String message) {
      return new JwtSignerException(Reason.INVALID_ARGUMENT, message);
    }
  }
}
