package dev.jwtsigner.atomic;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.keys.KeySource;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The core tests' keys, a check that a token verifies with nimbus before its parts are inspected, and shared assertions. */
final class SignedTokens {

  static final KeySource RSA = KeySource.fromPemText(TestKeys.pem("rsa2048.pem"));
  static final KeySource P521 = KeySource.fromPemText(TestKeys.pem("p521.pem"));

  private SignedTokens() {}

  /** The public key of the core test key {@code name} ({@code rsa2048}, {@code p521}). */
  static PublicKey publicKey(String name) {
    String b64 = TestKeys.pem(name + ".pub.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      String alg = name.startsWith("rsa") ? "RSA" : "EC";
      return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The token, parsed after its signature verified with the public key {@code name}; fails otherwise. */
  static JWSObject verified(String token, String name) {
    try {
      JWSObject jws = JWSObject.parse(token);
      PublicKey key = publicKey(name);
      JWSVerifier verifier = key instanceof RSAPublicKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECPublicKey) key);
      if (!jws.verify(verifier)) {
        throw new AssertionError("signature does not verify with " + name);
      }
      return jws;
    } catch (Exception e) {
      throw new AssertionError("token does not verify with " + name, e);
    }
  }

  /** Asserts that {@code call} throws a plain {@link JwtSignerException} for INVALID_ARGUMENT with {@code message}. */
  static void assertInvalidArgument(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isExactlyInstanceOf(JwtSignerException.class)
        .hasMessage(message)
        .extracting(t -> ((JwtSignerException) t).reason()).isEqualTo(Reason.INVALID_ARGUMENT);
  }

  /** The exact claims JSON of a token that verifies with the public key {@code name}. */
  static String claimsJson(String token, String name) {
    return verified(token, name).getPayload().toString();
  }
}
