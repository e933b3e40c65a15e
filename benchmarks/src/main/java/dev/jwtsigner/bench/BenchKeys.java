package dev.jwtsigner.bench;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.keys.KeySource;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One algorithm's benchmark key pair, the same for every contender: the guide's sizes (RSA-2048 for RS256,
 * RSA-4096 for RS512, P-521 for ES512), made once with openssl and kept under {@code keys/}. Each key is
 * held as the JDK's key object, as Bouncy Castle's and as the Amazon Corretto Crypto Provider's, so each
 * provider signs with its own key type.
 */
public final class BenchKeys {

  /** The benchmarks' own Bouncy Castle instance; never registered with {@code java.security.Security}. */
  public static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
  /** The benchmarks' own ACCP instance (never registered), or null when its native library does not load here. */
  public static final Provider ACCP = accp();

  final JwsAlgorithm algorithm;
  final String privatePem;
  final PrivateKey jdkPrivate;
  final PublicKey jdkPublic;
  final PrivateKey bcPrivate;
  final PublicKey bcPublic;
  /** ACCP's own key objects; null without ACCP. */
  final PrivateKey accpPrivate;
  final PublicKey accpPublic;

  private BenchKeys(JwsAlgorithm algorithm) throws GeneralSecurityException {
    String name = fileFor(algorithm);
    this.algorithm = algorithm;
    this.privatePem = Resources.text("keys/" + name + ".pem");
    byte[] pkcs8 = Pem.body(privatePem);
    byte[] spki = Pem.body(Resources.text("keys/" + name + ".pub.pem"));
    KeyFactory jdk = KeyFactory.getInstance(algorithm.keyAlgorithm());
    KeyFactory bc = KeyFactory.getInstance(algorithm.keyAlgorithm(), BOUNCY_CASTLE);
    this.jdkPrivate = jdk.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    this.jdkPublic = jdk.generatePublic(new X509EncodedKeySpec(spki));
    this.bcPrivate = bc.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    this.bcPublic = bc.generatePublic(new X509EncodedKeySpec(spki));
    KeyFactory accp = ACCP == null ? null : KeyFactory.getInstance(algorithm.keyAlgorithm(), ACCP);
    this.accpPrivate = accp == null ? null : accp.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    this.accpPublic = accp == null ? null : accp.generatePublic(new X509EncodedKeySpec(spki));
  }

  /** ACCP when it is on the class path and loads; null otherwise (a run without it measures the JDK's engines). */
  private static Provider accp() {
    try { // by name: the verifier would otherwise need the class to link this one
      Provider accp = (Provider) Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider")
          .getConstructor().newInstance();
      return accp.getClass().getMethod("getLoadingError").invoke(accp) == null ? accp : null;
    } catch (ReflectiveOperationException | LinkageError e) {
      return null; // not on the class path
    }
  }

  /** The key pair for {@code algorithm}. */
  public static BenchKeys of(JwsAlgorithm algorithm) {
    try {
      return new BenchKeys(algorithm);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("benchmark key for " + algorithm + " does not load", e);
    }
  }

  /** The key file's base name: {@code rsa2048}, {@code rsa4096} or {@code p521}. */
  public static String fileFor(JwsAlgorithm algorithm) {
    switch (algorithm) {
      case RS256:
        return "rsa2048";
      case RS512:
        return "rsa4096";
      case ES512:
        return "p521";
      default:
        throw new IllegalArgumentException(algorithm.name());
    }
  }

  /** The library's key source for this key, read from the PEM text as an application would. */
  KeySource keySource() {
    return KeySource.fromPemText(privatePem);
  }
}
