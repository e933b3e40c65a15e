package dev.jwtsigner.testkit;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pre-made, fake key pairs for tests: two of each kind (RSA 2048, RSA 4096, EC P-521), generated once
 * with OpenSSL and shipped in the test kit, so no test pays for key generation. Each is loaded on first
 * use and cached. Never use them for anything real: they are public.
 *
 * <pre>{@code
 * FakeKeyPair key = FakeKeys.rsa2048();
 * String token = AtomicTokenBuilder.create(key.keySource()).subject("u1").sign();
 * Verdict v = AtomicPlatformVerifier.create(policy).trust(key.publicKey()).verify(token);
 * String pem = FakeKeys.p521(2).privateKeyPem();   // the second P-521 pair, as PKCS#8 PEM text
 * }</pre>
 */
public final class FakeKeys {

  /** How many pairs of each kind there are. */
  public static final int PAIRS_PER_TYPE = 2;

  private static final Map<String, FakeKeyPair> CACHE = new ConcurrentHashMap<>();

  private FakeKeys() {}

  /** The first RSA 2048-bit pair (kid {@code fake-rsa2048-1}). */
  public static FakeKeyPair rsa2048() {
    return of(FakeKey.Type.RSA_2048, 1);
  }

  /** RSA 2048-bit pair number {@code index} (1 or 2). */
  public static FakeKeyPair rsa2048(int index) {
    return of(FakeKey.Type.RSA_2048, index);
  }

  /** The first RSA 4096-bit pair (kid {@code fake-rsa4096-1}). */
  public static FakeKeyPair rsa4096() {
    return of(FakeKey.Type.RSA_4096, 1);
  }

  /** RSA 4096-bit pair number {@code index} (1 or 2). */
  public static FakeKeyPair rsa4096(int index) {
    return of(FakeKey.Type.RSA_4096, index);
  }

  /** The first EC P-521 pair, for ES512 (kid {@code fake-p521-1}). */
  public static FakeKeyPair p521() {
    return of(FakeKey.Type.P521, 1);
  }

  /** EC P-521 pair number {@code index} (1 or 2). */
  public static FakeKeyPair p521(int index) {
    return of(FakeKey.Type.P521, index);
  }

  /**
   * Pair number {@code index} of {@code type}.
   *
   * @throws JwtSignerException with {@link Reason#INVALID_ARGUMENT} for a null type or an index other than 1 or 2
   */
  public static FakeKeyPair of(FakeKey.Type type, int index) {
    if (type == null || index < 1 || index > PAIRS_PER_TYPE) {
      throw new JwtSignerException(Reason.INVALID_ARGUMENT,
          (type == null ? "type is null" : "there is no fake " + type + " key number " + index)
              + ". Fix: ask for key 1 or 2 of RSA_2048, RSA_4096 or P521.");
    }
    return CACHE.computeIfAbsent(type.fileName() + "-" + index, name -> FakeKeyPair.load(type, name));
  }
}
