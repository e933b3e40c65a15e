package dev.jwtsigner.bench;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;

/**
 * The floor: the bare JCA signature of the token's signing input, on one {@link Signature} per provider
 * and per thread ({@code Signature} is not thread-safe), initialized once. No JSON, no base64, no header:
 * what is left is the provider's own cost.
 */
public abstract class JcaFloor {

  private Signature jdk;
  private Signature bouncyCastle;
  /** Null when ACCP does not load on this machine. */
  private Signature accp;
  private byte[] signingInput;

  /** Prepares the providers' signatures of {@code signingInput} with {@code keys}. */
  protected final void init(BenchKeys keys, byte[] signingInput) throws GeneralSecurityException {
    String name = keys.algorithm.jcaName();
    this.jdk = Signature.getInstance(name);
    this.jdk.initSign(keys.jdkPrivate);
    this.bouncyCastle = Signature.getInstance(name, BenchKeys.BOUNCY_CASTLE);
    this.bouncyCastle.initSign(keys.bcPrivate);
    if (BenchKeys.ACCP != null) {
      this.accp = Signature.getInstance(name, BenchKeys.ACCP);
      this.accp.initSign(keys.accpPrivate);
    }
    this.signingInput = signingInput.clone();
  }

  /** The JDK's provider (SunRsaSign, SunEC). */
  public final byte[] signJdk() throws SignatureException {
    jdk.update(signingInput);
    return jdk.sign();
  }

  /** Bouncy Castle's provider with Bouncy Castle's own key object. */
  public final byte[] signBouncyCastle() throws SignatureException {
    bouncyCastle.update(signingInput);
    return bouncyCastle.sign();
  }

  /** The Amazon Corretto Crypto Provider (native AWS-LC) with its own key object. */
  public final byte[] signAccp() throws SignatureException {
    if (accp == null) {
      throw new IllegalStateException("AmazonCorrettoCryptoProvider does not load on this machine");
    }
    accp.update(signingInput);
    return accp.sign();
  }
}
