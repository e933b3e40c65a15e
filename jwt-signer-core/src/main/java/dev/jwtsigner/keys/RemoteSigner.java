package dev.jwtsigner.keys;

import dev.jwtsigner.JwsAlgorithm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Makes a signature in a key service whose private key never leaves it (AWS KMS {@code Sign}, Google Cloud
 * KMS {@code AsymmetricSign}, Azure Key Vault {@code sign}, HashiCorp Vault Transit). Plug one in with
 * {@link SigningKey#remote}; the builders then check the algorithm against the public key, call this once
 * per token, turn a DER ECDSA signature into JOSE's r‖s form, check the signature against the public key,
 * and turn any exception (a time-out included) into {@code SIGNING_FAILED} with it as the cause. They never
 * retry: give the client its own time-out and retry policy.
 *
 * <pre>{@code
 * RemoteSigner kms = request -> kmsClient.sign(b -> b.keyId(keyArn)
 *         .messageType(MessageType.DIGEST).message(SdkBytes.fromByteArray(request.digest()))
 *         .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256))
 *     .signature().asByteArray();
 * SigningKey key = SigningKey.remote(publicKey, "key_1", kms);   // see docs/kms.md for the whole recipe
 * }</pre>
 */
@FunctionalInterface
public interface RemoteSigner {

  /**
   * The signature of {@code request}: for RS256/RS512 the RSASSA-PKCS1-v1_5 signature bytes; for ES512
   * either the DER {@code ECDSA-Sig-Value} that KMSs return or the 132-byte r‖s form.
   *
   * @throws Exception any failure or time-out; the builder wraps it as {@code SIGNING_FAILED}
   */
  byte[] sign(Request request) throws Exception;

  /**
   * What to sign: the algorithm, the JWS signing input ({@code base64url(header) "." base64url(payload)}),
   * and its digest for services that sign a digest (SHA-256 for RS256, SHA-512 for RS512 and ES512).
   *
   * <pre>{@code
   * RemoteSigner.Request r = RemoteSigner.Request.of(JwsAlgorithm.RS256, signingInput);
   * r.digest();   // 32 bytes of SHA-256
   * }</pre>
   */
  final class Request {
    private final JwsAlgorithm algorithm;
    private final byte[] signingInput;
    private byte[] digest;

    private Request(JwsAlgorithm algorithm, byte[] signingInput) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      this.signingInput = signingInput.clone();
    }

    /** A request to sign {@code signingInput} (copied) with {@code algorithm}. */
    public static Request of(JwsAlgorithm algorithm, byte[] signingInput) {
      return new Request(algorithm, signingInput);
    }

    /** The algorithm of the token's {@code alg} header. */
    public JwsAlgorithm algorithm() {
      return algorithm;
    }

    /** The bytes to sign, for services that take the message (a copy). */
    public byte[] signingInput() {
      return signingInput.clone();
    }

    /** {@code SHA-256} for RS256, {@code SHA-512} for RS512 and ES512. */
    public String digestAlgorithm() {
      return algorithm == JwsAlgorithm.RS256 ? "SHA-256" : "SHA-512";
    }

    /** The digest of the signing input with {@link #digestAlgorithm()}, for services that sign a digest (a copy). */
    public byte[] digest() {
      if (digest == null) {
        try {
          digest = MessageDigest.getInstance(digestAlgorithm()).digest(signingInput);
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException("every JDK has " + digestAlgorithm(), e);
        }
      }
      return digest.clone();
    }

    /** {@code RemoteSigner.Request[RS256, 123 bytes]}: never the bytes. */
    @Override
    public String toString() {
      return "RemoteSigner.Request[" + algorithm + ", " + signingInput.length + " bytes]";
    }
  }
}
