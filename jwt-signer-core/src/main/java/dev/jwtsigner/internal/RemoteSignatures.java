package dev.jwtsigner.internal;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.keys.RemoteSigner;
import java.io.InterruptedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.concurrent.TimeoutException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * One signature from a {@link RemoteSigner}: calls it once (never again on failure), brings an ES512
 * answer into JOSE's r‖s form, and checks the signature against the key's public key before it goes into a
 * token, so a KMS key that is not the one the public key names fails here, not at the platform.
 *
 * <pre>{@code
 * byte[] sig = RemoteSignatures.sign(signer, publicKey, JwsAlgorithm.ES512, signingInput); // 132 bytes
 * }</pre>
 */
public final class RemoteSignatures {

  /** The length of each of r and s for P-521: ceil(521 / 8). */
  static final int P521_PART = 66;

  private RemoteSignatures() {}

  /**
   * The JWS signature of {@code signingInput}.
   *
   * @throws JwtSignerException {@code SIGNING_FAILED}, with the signer's exception as the cause, when it
   *     throws, times out, returns nothing, or returns a signature that does not verify
   */
  public static byte[] sign(RemoteSigner signer, PublicKey publicKey, JwsAlgorithm alg, byte[] signingInput) {
    byte[] answer;
    try {
      answer = signer.sign(RemoteSigner.Request.of(alg, signingInput));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      boolean timeOut = isTimeOut(e);
      throw failed(alg, (timeOut ? "timed out" : "failed") + " (" + e.getClass().getSimpleName() + ")",
          timeOut ? "check the key service's reachability and the client's time-out" : "check the key id, its permissions and the key service's answer", e);
    }
    if (answer == null || answer.length == 0) {
      throw failed(alg, "returned no signature", "return the signature bytes the key service answered", null);
    }
    byte[] jose = alg == JwsAlgorithm.ES512 ? toRs(answer) : answer;
    if (jose == null) {
      throw failed(alg, "returned " + answer.length + " bytes that are neither a DER ECDSA signature nor 132 bytes of r‖s",
          "return the key service's signature bytes unchanged", null);
    }
    if (alg != JwsAlgorithm.ES512 && publicKey instanceof RSAPublicKey rsa
        && jose.length != (rsa.getModulus().bitLength() + 7) / 8) {
      throw failed(alg, "returned " + jose.length + " bytes; an RSA-" + rsa.getModulus().bitLength() + " signature has "
          + (rsa.getModulus().bitLength() + 7) / 8, "return the key service's signature bytes unchanged", null);
    }
    if (!verifies(alg, publicKey, signingInput, jose)) {
      throw failed(alg, "returned a signature that does not verify with the key's public key",
          "check that the key service's key is the one whose public key was passed to SigningKey.remote, and that it signs "
              + alg + (alg == JwsAlgorithm.RS256 ? " (SHA-256)" : " (SHA-512)"), null);
    }
    return jose;
  }

  private static boolean verifies(JwsAlgorithm alg, PublicKey publicKey, byte[] data, byte[] signature) {
    try {
      Signature verifier = Providers.verifier(alg, publicKey);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /**
   * {@code answer} as 132 bytes of r‖s: as it is when it already is that (r's first byte is 0 or 1 for P-521,
   * never DER's 0x30), or decoded from DER's {@code SEQUENCE { INTEGER r, INTEGER s }}; null for anything else.
   */
  static byte[] toRs(byte[] answer) {
    if (answer.length == 2 * P521_PART && answer[0] != 0x30) {
      return answer.clone();
    }
    try {
      ASN1Primitive parsed = ASN1Primitive.fromByteArray(answer);
      if (!(parsed instanceof ASN1Sequence seq) || seq.size() != 2 || !java.util.Arrays.equals(parsed.getEncoded("DER"), answer)) {
        return null;
      }
      byte[] rs = new byte[2 * P521_PART];
      for (int i = 0; i < 2; i++) {
        ASN1Encodable part = seq.getObjectAt(i);
        if (!(part instanceof ASN1Integer integer)) {
          return null;
        }
        BigInteger value = integer.getValue();
        byte[] bytes = value.toByteArray();
        int start = bytes.length > P521_PART && bytes[0] == 0 ? 1 : 0;
        int length = bytes.length - start;
        if (value.signum() <= 0 || length > P521_PART) {
          return null;
        }
        System.arraycopy(bytes, start, rs, (i + 1) * P521_PART - length, length);
      }
      return rs;
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean isTimeOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TimeoutException || t instanceof InterruptedIOException
          || t.getClass().getSimpleName().contains("Timeout")) {
        return true;
      }
    }
    return false;
  }

  private static JwtSignerException failed(JwsAlgorithm alg, String what, String fix, Throwable cause) {
    return new JwtSignerException(Reason.SIGNING_FAILED,
        "the " + alg + " signature by the RemoteSigner " + what + "; it was not retried. Fix: " + fix + ".", cause);
  }
}
