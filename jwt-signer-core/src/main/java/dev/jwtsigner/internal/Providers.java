package dev.jwtsigner.internal;

import dev.jwtsigner.JwsAlgorithm;
import java.security.Provider;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Which JCA provider signs and verifies each algorithm. Never registers a provider globally: the Bouncy
 * Castle instance is private to this library and created only when an ES512 key first needs it, so the
 * RSA path never pays for loading it.
 *
 * <pre>{@code
 * Optional<Provider> fast = Providers.fastestFor(alg);   // Bouncy Castle for ES512, empty for RSA
 * String name = Providers.signatureName(alg);             // the JWS form: r‖s for ES512
 * Signature s = fast.isPresent() ? Signature.getInstance(name, fast.get()) : Signature.getInstance(name);
 * }</pre>
 */
public final class Providers {

  /** The name of the thread that loads Bouncy Castle in the background. */
  static final String LOADER_THREAD = "jwt-signer-bouncycastle-loader";

  private static final AtomicBoolean LOADING = new AtomicBoolean();
  /** Set once Bouncy Castle's provider is constructed; stays null if it cannot be (bcprov left out). */
  private static volatile Provider loaded;

  private Providers() {}

  private static final class BouncyCastle {
    static final Provider INSTANCE = new BouncyCastleProvider();
  }

  /** The library's own Bouncy Castle provider instance (not registered with {@code java.security.Security}). */
  public static Provider bouncyCastle() {
    Provider provider = BouncyCastle.INSTANCE;
    if (loaded == null) {
      loaded = provider;
    }
    return provider;
  }

  /**
   * The JCA {@code Signature} name whose output is the JWS signature itself: {@code alg.jcaName()} for RSA, and
   * for ES512 the r‖s form of RFC 7518 section 3.4 ({@code SHA512withECDSAinP1363Format}), not DER.
   */
  public static String signatureName(JwsAlgorithm alg) {
    return alg == JwsAlgorithm.ES512 ? "SHA512withECDSAinP1363Format" : alg.jcaName();
  }

  /**
   * The fastest provider measured for {@code alg} on JDK 17 and 25: the JDK's own for RSA (empty: the
   * default lookup), Bouncy Castle for ES512 (about five times SunEC's speed on P-521), or empty (SunEC)
   * when bcprov is left out. Loads Bouncy Castle on the calling thread if it is not loaded yet (a few hundred
   * milliseconds, once).
   */
  public static Optional<Provider> fastestFor(JwsAlgorithm alg) {
    return alg == JwsAlgorithm.ES512 && OptionalBouncyCastle.providerPresent() ? Optional.of(bouncyCastle()) : Optional.empty();
  }

  /**
   * As {@link #fastestFor}, without waiting: for ES512, Bouncy Castle if it is loaded; otherwise empty (the
   * JDK's SunEC signs meanwhile), and Bouncy Castle starts loading on a daemon thread, once per JVM.
   */
  public static Optional<Provider> fastestReadyFor(JwsAlgorithm alg) {
    if (alg != JwsAlgorithm.ES512) {
      return Optional.empty();
    }
    Provider ready = loaded;
    if (ready == null) {
      loadInBackground();
    }
    return Optional.ofNullable(ready);
  }

  private static void loadInBackground() {
    if (LOADING.compareAndSet(false, true)) {
      loaderThread(Providers::loadQuietly).start();
    }
  }

  /** A daemon thread, so a load still running never keeps the JVM alive. */
  static Thread loaderThread(Runnable load) {
    Thread loader = new Thread(load, LOADER_THREAD);
    loader.setDaemon(true);
    return loader;
  }

  private static void loadQuietly() {
    try {
      bouncyCastle();
    } catch (LinkageError e) {
      // bcprov is not on the class path: ES512 keeps signing on the JDK's provider
    }
  }
}
