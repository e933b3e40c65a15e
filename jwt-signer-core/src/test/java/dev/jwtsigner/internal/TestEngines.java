package dev.jwtsigner.internal;

import dev.jwtsigner.JwsAlgorithm;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.List;

/** Engine tables and engines for the fall-back tests: no ACCP, a broken ACCP, an engine that throws. */
final class TestEngines {

  private TestEngines() {}

  /** A table as on a machine without ACCP: the library's usual Bouncy Castle loader. */
  static EngineTable withoutAccp() {
    return new EngineTable(
        new EngineTable.Loader("test-accp-loader", () -> Providers.Accp.load("com.example.NoSuchProvider")),
        new EngineTable.Loader("test-bc-loader", () -> Engine.of(Providers.bouncyCastle(), "BC (test)")));
  }

  /** A table whose ACCP is on the class path but reports a loading error ({@link BrokenNativeProvider}). */
  static EngineTable withBrokenAccp() {
    return new EngineTable(
        new EngineTable.Loader("test-accp-loader", () -> Providers.Accp.load(BrokenNativeProvider.class.getName())),
        new EngineTable.Loader("test-bc-loader", () -> Engine.of(Providers.bouncyCastle(), "BC (test)")));
  }

  /** When a {@link #throwing} engine fails. */
  enum Stage { INIT, SIGN }

  /** An engine whose every signature algorithm throws at {@code stage}. */
  static Engine throwing(Stage stage) {
    return Engine.of(new ThrowingProvider(stage), "Throwing " + stage + " (test)");
  }

  /** {@code first}, then the real engines for {@code alg} from {@code table} once loaded. */
  static List<Engine> first(Engine first, EngineTable table, JwsAlgorithm alg) {
    List<Engine> engines = new java.util.ArrayList<>();
    engines.add(first);
    engines.addAll(table.loaded(alg));
    return engines;
  }

  /** Stands in for ACCP on a platform without its native library: it constructs, and reports the error. */
  public static final class BrokenNativeProvider extends Provider {
    private static final long serialVersionUID = 1L;

    public BrokenNativeProvider() {
      super("BrokenNative", "1.0", "test stand-in for a native provider that did not load");
    }

    public Throwable getLoadingError() {
      return new UnsatisfiedLinkError("no native library for this platform");
    }

    public String getAwsLcVersionStr() {
      return "none";
    }
  }

  /** A native provider that loads and does not say its AWS-LC version. */
  public static final class QuietNativeProvider extends Provider {
    private static final long serialVersionUID = 1L;

    public QuietNativeProvider() {
      super("QuietNative", "2.0", "test stand-in for a native provider of another version");
    }

    public Throwable getLoadingError() {
      return null;
    }
  }

  private static final class ThrowingProvider extends Provider {
    private static final long serialVersionUID = 1L;

    ThrowingProvider(Stage stage) {
      super("Throwing" + stage, "1.0", "test provider whose signatures throw");
      for (JwsAlgorithm alg : JwsAlgorithm.values()) {
        putService(new Service(this, "Signature", Providers.signatureName(alg), ThrowingSpi.class.getName(), null, null) {
          @Override
          public Object newInstance(Object parameter) {
            return new ThrowingSpi(stage);
          }
        });
      }
    }
  }

  private static final class ThrowingSpi extends SignatureSpi {
    private final Stage stage;

    ThrowingSpi(Stage stage) {
      this.stage = stage;
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
      throw new InvalidKeyException("test: this engine refuses every key");
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
      if (stage == Stage.INIT) {
        throw new InvalidKeyException("test: this engine refuses every key");
      }
    }

    @Override
    protected void engineUpdate(byte b) {}

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {}

    @Override
    protected byte[] engineSign() throws SignatureException {
      throw new SignatureException("test: this engine fails every signature");
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
      throw new SignatureException("test: this engine fails every verification");
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {}

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
      return null;
    }
  }
}
