package dev.jwtsigner.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import dev.jwtsigner.internal.DecodedJws;
import dev.jwtsigner.testkit.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;

/** Checks, once per trial, that what a contender produces is a real token that verifies. */
final class Tokens {

  private Tokens() {}

  /** nimbus' verifier for {@code key} on the JDK's default provider. */
  static JWSVerifier nimbusVerifier(PublicKey key) {
    try {
      return key instanceof ECPublicKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier((RSAPublicKey) key);
    } catch (JOSEException e) {
      throw new IllegalStateException("no verifier for the benchmark key", e);
    }
  }

  /** {@code token}, after checking that it verifies with {@code key} and carries {@code expectedAlg}. */
  static String requireValid(String contender, String token, PublicKey key, String expectedAlg) {
    try {
      JWSObject jws = JWSObject.parse(token);
      if (!jws.getHeader().getAlgorithm().getName().equals(expectedAlg) || !jws.verify(nimbusVerifier(key))) {
        throw new IllegalStateException(contender + " produced a token that does not verify as " + expectedAlg);
      }
      return token;
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException(contender + " produced an unreadable token", e);
    }
  }

  /** {@code decoded}, after checking that the decoder found a valid signature and no violation. */
  static DecodedJws requireAccepted(String verifier, DecodedJws decoded) {
    if (!decoded.signatureValid() || !decoded.violations().isEmpty()) {
      throw new IllegalStateException(verifier + " rejects the benchmark token: " + decoded.violations());
    }
    return decoded;
  }

  /** {@code verdict}, after checking that the verifier accepted the token. */
  static Verdict requireAccepted(String verifier, Verdict verdict) {
    if (!verdict.accepted()) {
      throw new IllegalStateException(verifier + " rejects the benchmark token: " + verdict.violations());
    }
    return verdict;
  }

  /** The JWS signing input of a compact token: {@code header.payload} as ASCII bytes. */
  static byte[] signingInput(String token) {
    return token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
  }
}
