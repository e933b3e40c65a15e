package dev.jwtsigner.internal;

import dev.jwtsigner.JwsAlgorithm;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Which engine (JCA provider) signs and verifies each algorithm: the one place where that choice is made.
 * Never registers a provider globally: each engine is an instance private to this library.
 *
 * <p>The order, fastest first, as measured on JDK 17 and 25 (single thread, each engine on its own key
 * object; {@code benchmarks/results/engines.txt}):
 * <ul>
 *   <li>RS256, RS512: Amazon Corretto Crypto Provider (native AWS-LC, about 2.8x the JDK on RSA-2048 and
 *       3.2x on RSA-4096) when it is on the class path and loads, else the JDK's (Bouncy Castle is no faster).
 *   <li>ES512: Amazon Corretto Crypto Provider (about 3.2x Bouncy Castle on P-521), else Bouncy Castle
 *       (about 4.5x SunEC), else the JDK's SunEC.
 * </ul>
 * ACCP is optional and loaded reflectively; both it and Bouncy Castle load on daemon threads, and only once
 * signing or verifying has gone on for a moment ({@link EngineTable}: after 32 signatures and verifications
 * or one second after the first), so neither start-up nor a short process pays for them. Until then the
 * JDK's engine signs and verifies; signers and verifiers move to the faster engine when
 * {@link #generation()} says a load has finished.
 *
 * <pre>{@code
 * List<Engine> now = Providers.readyEngines(JwsAlgorithm.ES512); // fastest first, the JDK's last
 * Signature verifier = Providers.verifier(JwsAlgorithm.ES512, publicKey);  // initialized, fastest engine
 * String line = Providers.describe(JwsAlgorithm.ES512); // "ES512 → AmazonCorrettoCryptoProvider 2.5.0 (native AWS-LC v1.47.0)"
 * }</pre>
 */
public final class Providers {

  /** The name of the thread that loads Bouncy Castle in the background. */
  static final String LOADER_THREAD = "jwt-signer-bouncycastle-loader";
  /** The name of the thread that loads the Amazon Corretto Crypto Provider in the background. */
  static final String ACCP_LOADER_THREAD = "jwt-signer-accp-loader";
  /** ACCP's provider class; it is an optional dependency, so it is only ever named here, as text. */
  static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

  /** Incremented each time a background load finishes, so signers know to look again. */
  private static final AtomicInteger GENERATION = new AtomicInteger();

  static final EngineTable TABLE = new EngineTable(
      new EngineTable.Loader(ACCP_LOADER_THREAD, () -> Accp.load(ACCP_CLASS)),
      new EngineTable.Loader(LOADER_THREAD, () -> Engine.of(BouncyCastle.INSTANCE, BouncyCastle.INSTANCE.getName() + " "
          + BouncyCastle.INSTANCE.getVersionStr() + " (Bouncy Castle, Java)")),
      EngineTable.Policy.DEFAULT);

  private Providers() {}

  private static final class BouncyCastle {
    static final Provider INSTANCE = new BouncyCastleProvider();
  }

  /** The library's own Bouncy Castle provider instance (not registered with {@code java.security.Security}). */
  public static Provider bouncyCastle() {
    return BouncyCastle.INSTANCE;
  }

  /**
   * The JCA {@code Signature} name whose output is the JWS signature itself: {@code alg.jcaName()} for RSA, and
   * for ES512 the r‖s form of RFC 7518 section 3.4 ({@code SHA512withECDSAinP1363Format}), not DER.
   */
  public static String signatureName(JwsAlgorithm alg) {
    return alg == JwsAlgorithm.ES512 ? "SHA512withECDSAinP1363Format" : alg.jcaName();
  }

  /**
   * The engines for {@code alg} that are ready now, fastest first; the JDK's default lookup is always last.
   * Schedules the background loads this algorithm could use, once per JVM, and never waits for them.
   */
  public static List<Engine> readyEngines(JwsAlgorithm alg) {
    return TABLE.ready(alg);
  }

  /** As {@link #readyEngines}, after waiting for the loads (on this thread if none has started). */
  public static List<Engine> engines(JwsAlgorithm alg) {
    return TABLE.loaded(alg);
  }

  /** Counts one signature or verification made on a scheduled engine: enough of them start the loads at once. */
  public static void used() {
    TABLE.used();
  }

  /** Changes each time a background load finishes: a signer whose engine was picked earlier looks again. */
  public static int generation() {
    return GENERATION.get();
  }

  /**
   * A {@code Signature} initialized to verify {@code alg} with {@code key}, on the fastest engine that is ready
   * and accepts the key (each gets the key as its own key object). The verifiers' one way to obtain a
   * {@code Signature}; it never waits for a background load.
   */
  public static Signature verifier(JwsAlgorithm alg, PublicKey key) throws GeneralSecurityException {
    return verifier(readyEngines(alg), alg, key);
  }

  static Signature verifier(List<Engine> engines, JwsAlgorithm alg, PublicKey key) throws GeneralSecurityException {
    GeneralSecurityException last = new NoSuchAlgorithmException("no engine for " + alg);
    for (Engine engine : engines) {
      try {
        Signature verifier = engine.newSignature(alg);
        verifier.initVerify(engine.own(key));
        return verifier;
      } catch (GeneralSecurityException e) {
        last = e;
      } catch (RuntimeException e) {
        last = new GeneralSecurityException(engine.description() + " cannot verify " + alg, e);
      }
    }
    throw last;
  }

  /**
   * One loggable line naming what signs {@code alg} for a key not bound to a provider, now:
   * {@code ES512 → AmazonCorrettoCryptoProvider 2.5.0 (native AWS-LC v1.47.0)}. While a faster engine may
   * still be loading, the line says so; when ACCP is on the class path but failed to load, it says why.
   */
  public static String describe(JwsAlgorithm alg) {
    return TABLE.describe(alg);
  }

  /** The engine a key bound to {@code provider} uses (an HSM's, or one the user chose). */
  public static Engine bound(Provider provider) {
    return Engine.of(provider, provider.getName() + " " + provider.getVersionStr() + " (bound to the key)");
  }

  /** The JDK's default lookup for {@code alg}, described by the provider it finds first. */
  static Engine jdk(JwsAlgorithm alg) {
    Engine engine = JDK[alg.ordinal()];
    if (engine == null) { // a benign race: both threads make an equal engine
      engine = Engine.of(null, jdkProvider(alg) + " (JDK)");
      JDK[alg.ordinal()] = engine;
    }
    return engine;
  }

  private static final Engine[] JDK = new Engine[JwsAlgorithm.values().length];

  /**
   * The provider the JDK's default lookup picks for {@code alg}, as a signature would: the first in order that
   * has it. ({@code Security.getProviders(filter)} would instantiate every configured provider, JSSE and LDAP
   * included, which costs a short process tens of milliseconds.)
   */
  private static String jdkProvider(JwsAlgorithm alg) {
    try {
      Provider found = Signature.getInstance(signatureName(alg)).getProvider();
      return found.getName() + " " + found.getVersionStr();
    } catch (NoSuchAlgorithmException e) {
      return "none";
    }
  }

  /** A daemon thread, so a load still running never keeps the JVM alive. */
  static Thread loaderThread(Runnable load, String name) {
    Thread loader = new Thread(load, name);
    loader.setDaemon(true);
    return loader;
  }

  /** The Bouncy Castle loader's thread (kept for the tests that check its name). */
  static Thread loaderThread(Runnable load) {
    return loaderThread(load, LOADER_THREAD);
  }

  static void loadFinished() {
    GENERATION.incrementAndGet();
  }

  /** Amazon Corretto Crypto Provider, found and checked by reflection (it is an optional dependency). */
  static final class Accp {
    private Accp() {}

    /**
     * A new, unregistered instance of {@code className}; null when the class is not on the class path.
     *
     * @throws IllegalStateException when it is there but reports a loading error (no native library for this
     *     platform, say), or cannot be made
     */
    static Engine load(String className) {
      Class<?> type;
      try {
        type = Class.forName(className, true, Providers.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        return null; // not on the class path: the usual case
      }
      Provider provider;
      Object error;
      try {
        provider = (Provider) type.getConstructor().newInstance();
        error = type.getMethod("getLoadingError").invoke(provider);
      } catch (ReflectiveOperationException | ClassCastException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new IllegalStateException(cause.getClass().getSimpleName(), e);
      }
      if (error != null) {
        throw new IllegalStateException(error.getClass().getSimpleName());
      }
      return Engine.of(provider, provider.getName() + " " + provider.getVersionStr() + " (native " + awsLc(type, provider) + ")");
    }

    /** {@code AWS-LC v1.47.0}, or {@code AWS-LC} for a version of ACCP that does not say. */
    private static String awsLc(Class<?> type, Provider provider) {
      try {
        return String.valueOf(type.getMethod("getAwsLcVersionStr").invoke(provider));
      } catch (ReflectiveOperationException | RuntimeException e) {
        return "AWS-LC";
      }
    }
  }
}
