package dev.jwtsigner.bench;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;

/**
 * The verification floor: the bare JCA check of one signature over the token's signing input, per
 * provider and per thread, with the signature each provider made itself (DER for ECDSA).
 */
public abstract class JcaVerifyFloor {

  private Signature jdk;
  private Signature bouncyCastle;
  private byte[] signingInput;
  private byte[] jdkSignature;
  private byte[] bouncyCastleSignature;
  /** Null when ACCP does not load on this machine. */
  private Signature accp;
  private byte[] accpSignature;

  /** Signs {@code signingInput} once with each provider and prepares both verifiers. */
  protected final void init(BenchKeys keys, byte[] signingInput) throws GeneralSecurityException {
    String name = keys.algorithm.jcaName();
    this.signingInput = signingInput.clone();
    Signature signer = Signature.getInstance(name);
    signer.initSign(keys.jdkPrivate);
    signer.update(signingInput);
    this.jdkSignature = signer.sign();
    Signature bcSigner = Signature.getInstance(name, BenchKeys.BOUNCY_CASTLE);
    bcSigner.initSign(keys.bcPrivate);
    bcSigner.update(signingInput);
    this.bouncyCastleSignature = bcSigner.sign();
    this.jdk = Signature.getInstance(name);
    this.jdk.initVerify(keys.jdkPublic);
    this.bouncyCastle = Signature.getInstance(name, BenchKeys.BOUNCY_CASTLE);
    this.bouncyCastle.initVerify(keys.bcPublic);
    if (BenchKeys.ACCP != null) {
      Signature accpSigner = Signature.getInstance(name, BenchKeys.ACCP);
      accpSigner.initSign(keys.accpPrivate);
      accpSigner.update(signingInput);
      this.accpSignature = accpSigner.sign();
      this.accp = Signature.getInstance(name, BenchKeys.ACCP);
      this.accp.initVerify(keys.accpPublic);
    }
    if (!verifyJdk() || !verifyBouncyCastle() || (accp != null && !verifyAccp())) {
      throw new IllegalStateException("the raw " + name + " signatures do not verify");
    }
  }

  /** The JDK's provider (SunRsaSign, SunEC). */
  public final boolean verifyJdk() throws SignatureException {
    jdk.update(signingInput);
    return jdk.verify(jdkSignature);
  }

  /** Bouncy Castle's provider with Bouncy Castle's own key object. */
  public final boolean verifyBouncyCastle() throws SignatureException {
    bouncyCastle.update(signingInput);
    return bouncyCastle.verify(bouncyCastleSignature);
  }

  /** The Amazon Corretto Crypto Provider with its own key object. */
  public final boolean verifyAccp() throws SignatureException {
    if (accp == null) {
      throw new IllegalStateException("AmazonCorrettoCryptoProvider does not load on this machine");
    }
    accp.update(signingInput);
    return accp.verify(accpSignature);
  }
}
