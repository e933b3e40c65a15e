package dev.jwtsigner.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.keys.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Signs a ready JSON payload as a compact JWS with one key and algorithm, straight on a JCA
 * {@link Signature} of the fastest provider for it. The header ({@code {"alg":…,"typ":"JWT","kid":…}},
 * the member order of npm's {@code jsonwebtoken}) is encoded once, when the signer is prepared; each token
 * then costs one base64url pass over the payload, the signature, and one pass over the signature.
 *
 * <p>Engine choice ({@link Providers}, the one place it is made): a key bound to a provider (an HSM key, or
 * {@link SigningKey#withProvider}) always signs there, and a remote key ({@link SigningKey#remote}) through
 * its {@link dev.jwtsigner.keys.RemoteSigner}. Any other key signs on the fastest engine that is ready, as that
 * engine's own key object (converted once, here): the Amazon Corretto Crypto Provider when it is on the class
 * path, else the JDK's for RSA and Bouncy Castle's for ES512. Optional engines load on background threads once
 * signing has gone on for a moment ({@link Providers#used}); until they are ready the next engine signs (same
 * tokens: any verifier accepts both), and the signer moves over when {@link Providers#generation()} changes,
 * so neither start-up nor the first request waits, and a short process loads nothing it does not use. An
 * engine that fails to set up the key or to sign is left for the next one (the JDK's is always last).
 *
 * <pre>{@code
 * JoseSigner signer = JoseSigner.prepare(signingKey, JwsAlgorithm.ES512);
 * String jws = signer.sign("{\"sub\":\"u1\"}");
 * }</pre>
 *
 * <p>Immutable in what it signs and thread-safe: no two threads ever use the same {@code Signature} at once.
 */
public final class JoseSigner {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  /** Tokens are ASCII; ISO-8859-1 turns bytes into a String without a decoder. */
  private static final java.nio.charset.Charset ASCII = StandardCharsets.ISO_8859_1;

  private final SigningKey key;
  private final JwsAlgorithm algorithm;
  /** {@code base64url(header) + "."}, ASCII. */
  private final byte[] headerDot;
  /** Where the engines come from, for a key not bound to a provider; null for a bound or remote key. */
  private final Supplier<List<Engine>> engines;
  /** Engines that failed with this key; never tried again by this signer. */
  private final Set<Engine> failed = ConcurrentHashMap.newKeySet();
  private volatile Route route;

  /**
   * Where the signatures are made: an engine, its own key object, and the {@code Signature} objects already
   * initialized with that key, free for the next token. A thread takes one from the pool and gives it back
   * after a successful signature, so threads never share one and a token costs no provider lookup or key
   * set-up; the pool holds at most as many as ever signed at once. {@code generation} is
   * {@link Providers#generation()} when the engine was picked.
   */
  private record Route(Engine engine, PrivateKey key, ConcurrentLinkedQueue<Signature> idle, int generation) {

    Route(Engine engine, PrivateKey key, int generation) {
      this(engine, key, new ConcurrentLinkedQueue<>(), generation);
    }

    String providerName() {
      return engine.provider() == null ? "(JDK default)" : engine.provider().getName();
    }
  }

  private JoseSigner(SigningKey key, JwsAlgorithm algorithm, byte[] headerDot, Supplier<List<Engine>> engines) {
    this.key = key;
    this.algorithm = algorithm;
    this.headerDot = headerDot;
    boolean automatic = key.remoteSigner().isEmpty() && key.provider().isEmpty() && key.privateKey().getEncoded() != null;
    this.engines = automatic ? engines : null;
    if (key.remoteSigner().isPresent()) {
      this.route = null;
    } else if (key.provider().isPresent()) {
      this.route = new Route(Providers.bound(key.provider().get()), key.privateKey(), 0);
    } else if (!automatic) {
      this.route = new Route(Providers.jdk(algorithm), key.privateKey(), 0); // hides its encoding: the default lookup finds its provider
    } else {
      this.route = pick(Providers.generation());
    }
  }

  /**
   * A signer for {@code key} with {@code algorithm}, writing {@code typ: JWT} and the key's kid.
   * The caller has checked that the algorithm fits the key.
   */
  public static JoseSigner prepare(SigningKey key, JwsAlgorithm algorithm) {
    return prepare(key, algorithm, key.keyId().orElse(null));
  }

  /** As {@link #prepare(SigningKey, JwsAlgorithm)}, with {@code keyId} (may be null) as the kid header. */
  public static JoseSigner prepare(SigningKey key, JwsAlgorithm algorithm, String keyId) {
    return new JoseSigner(key, algorithm, header(algorithm, keyId), () -> Providers.readyEngines(algorithm));
  }

  /** As {@link #prepare(SigningKey, JwsAlgorithm, String)}, with the engines {@code engines} lists (tests). */
  static JoseSigner prepare(SigningKey key, JwsAlgorithm algorithm, String keyId, Supplier<List<Engine>> engines) {
    return new JoseSigner(key, algorithm, header(algorithm, keyId), engines);
  }

  /** The key this signer was prepared for. */
  public SigningKey key() {
    return key;
  }

  /**
   * Whether this signer signs for {@code other} exactly as for its own key: the same {@link SigningKey}, or
   * a copy around the very same private key object and provider ({@code KeySource.withKeyId} wraps each key
   * it returns in a new {@code SigningKey}). A rotated key is another object, so it never matches.
   */
  public boolean serves(SigningKey other) {
    return other == key
        || (other.privateKey() == key.privateKey() && other.provider().orElse(null) == key.provider().orElse(null)
            && other.remoteSigner().orElse(null) == key.remoteSigner().orElse(null));
  }

  /** The algorithm this signer uses. */
  public JwsAlgorithm algorithm() {
    return algorithm;
  }

  /** The name of the provider the next signature is made with ({@code (JDK default)} for the default lookup). */
  public String providerName() {
    return key.remoteSigner().isPresent() ? "(remote)" : currentRoute().providerName();
  }

  /** The description of the engine the next signature is made with, for example {@code BC 1.87 (Bouncy Castle, Java)}. */
  public String engine() {
    return key.remoteSigner().isPresent() ? "RemoteSigner" : currentRoute().engine().description();
  }

  /**
   * The compact JWS of {@code payloadJson}, which the caller has already checked and serialized; the
   * payload bytes are signed exactly as given.
   *
   * @throws JwtSignerException with {@code SIGNING_FAILED} when the provider or HSM fails
   */
  public String sign(String payloadJson) {
    byte[] payload = BASE64URL.encode(payloadJson.getBytes(StandardCharsets.UTF_8));
    byte[] signature = key.remoteSigner().isPresent() ? signRemotely(payload) : signLocally(payload);
    byte[] encodedSignature = BASE64URL.encode(signature);
    byte[] token = new byte[headerDot.length + payload.length + 1 + encodedSignature.length];
    System.arraycopy(headerDot, 0, token, 0, headerDot.length);
    System.arraycopy(payload, 0, token, headerDot.length, payload.length);
    token[headerDot.length + payload.length] = '.';
    System.arraycopy(encodedSignature, 0, token, headerDot.length + payload.length + 1, encodedSignature.length);
    return new String(token, ASCII);
  }

  private byte[] signLocally(byte[] payload) {
    if (engines != null) {
      Providers.used();
    }
    while (true) {
      Route current = currentRoute();
      try {
        Signature s = current.idle().poll();
        if (s == null) {
          s = current.engine().newSignature(algorithm);
          s.initSign(current.key());
        }
        s.update(headerDot);
        s.update(payload);
        byte[] signature = s.sign(); // resets s to its state right after initSign, ready for the next token
        current.idle().offer(s); // not reached after a failure: a Signature in doubt is dropped
        return signature;
      } catch (GeneralSecurityException | RuntimeException e) {
        if (!leave(current)) {
          throw new JwtSignerException(Reason.SIGNING_FAILED,
              "the " + algorithm + " signature failed in provider " + current.providerName()
                  + " (" + e.getClass().getSimpleName() + "). Fix: check that the key and its provider (HSM session) are usable.",
              e);
        }
      }
    }
  }

  private byte[] signRemotely(byte[] payload) {
    byte[] input = new byte[headerDot.length + payload.length];
    System.arraycopy(headerDot, 0, input, 0, headerDot.length);
    System.arraycopy(payload, 0, input, headerDot.length, payload.length);
    return RemoteSignatures.sign(key.remoteSigner().get(), key.publicKey().get(), algorithm, input);
  }

  /**
   * Marks {@code broken}'s engine as failed for this signer and moves to the next one; false when the engine
   * was the user's (a bound key) or the JDK's default lookup, the last resort, so the failure is reported.
   */
  private boolean leave(Route broken) {
    if (engines == null || broken.engine().provider() == null || key.provider().isPresent()) {
      return false;
    }
    failed.add(broken.engine());
    route = pick(Providers.generation());
    return true;
  }

  /** The route to sign on now: looks again once a background load has finished (a benign race: any winner is right). */
  private Route currentRoute() {
    Route current = route;
    if (engines != null && current.generation() != Providers.generation()) {
      current = pick(Providers.generation());
      route = current;
    }
    return current;
  }

  /**
   * The fastest engine, not failed before, that takes the key: its first {@code Signature} is initialized
   * here and pooled, so an engine that cannot use the key is skipped now, not at the first token.
   */
  private Route pick(int generation) {
    for (Engine engine : engines.get()) {
      if (failed.contains(engine)) {
        continue;
      }
      if (engine.provider() == null) {
        return new Route(engine, key.privateKey(), generation);
      }
      try {
        PrivateKey own = engine.own(key.privateKey());
        Signature first = engine.newSignature(algorithm);
        first.initSign(own);
        Route candidate = new Route(engine, own, generation);
        candidate.idle().offer(first);
        return candidate;
      } catch (GeneralSecurityException | RuntimeException e) {
        failed.add(engine);
      }
    }
    return new Route(Providers.jdk(algorithm), key.privateKey(), generation);
  }

  private static byte[] header(JwsAlgorithm algorithm, String keyId) {
    StringBuilder json = new StringBuilder(64).append("{\"alg\":\"").append(algorithm.name()).append("\",\"typ\":\"JWT\"");
    if (keyId != null) {
      json.append(",\"kid\":\"");
      JsonStringEncoder.getInstance().quoteAsString(keyId, json);
      json.append('"');
    }
    json.append('}');
    byte[] encoded = BASE64URL.encode(json.toString().getBytes(StandardCharsets.UTF_8));
    byte[] headerDot = new byte[encoded.length + 1];
    System.arraycopy(encoded, 0, headerDot, 0, encoded.length);
    headerDot[encoded.length] = '.';
    return headerDot;
  }
}
