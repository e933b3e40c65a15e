package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.fuzz.FuzzInput;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.PublicKeys;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes JWKS documents on the verifiers' trust path, {@link TrustedKey#fromJwks(String)}: real JWK and JWKS
 * text (RSA and P-521 keys with and without kid, alg, use, key_ops; a private JWK; symmetric and OKP keys)
 * spliced by the input, or raw text. Invariants: the keys come back each with a non-blank kid, and each writes
 * back as a JWK that reads as the same trusted key; or a {@link JwtSignerException} of one of the documented
 * reasons whose message quotes no key parameter ({@code n}, {@code e}, {@code x}, {@code y}, {@code d}...).
 */
class TrustedKeyFuzzTest {

  private static final RSAPublicKey RSA = (RSAPublicKey) PublicKeys.parse(TestKeys.pem("rsa2048.pub.pem"));
  private static final ECPublicKey P521 = (ECPublicKey) PublicKeys.parse(TestKeys.pem("p521.pub.pem"));
  private static final List<String> SEEDS = List.of(
      "{\"keys\":[" + new RSAKey.Builder(RSA).keyID("key_1").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS512).build()
          + "," + new ECKey.Builder(Curve.P_521, P521).keyID("key_2").algorithm(JWSAlgorithm.ES512).build() + "]}",
      "{\"keys\":[" + new RSAKey.Builder(RSA).keyOperations(Set.of(com.nimbusds.jose.jwk.KeyOperation.VERIFY)).build()
          + "]}",
      new ECKey.Builder(Curve.P_521, P521).keyUse(KeyUse.SIGNATURE).build().toJSONString(),
      new ECKey.Builder(Curve.P_521, P521)
          .privateKey((ECPrivateKey) KeySource.fromPemText(TestKeys.pem("p521.pem")).signingKey().privateKey())
          .keyID("key_3").build().toJSONString(),
      "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0\",\"kid\":\"hmac\"},"
          + "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}]}");
  private static final Set<Reason> REASONS = Set.of(Reason.PUBLIC_KEY_MALFORMED, Reason.INVALID_ARGUMENT,
      Reason.KEY_TYPE_UNSUPPORTED);
  private static final Pattern KEY_PARAMETER =
      Pattern.compile("\"(?:n|e|x|y|d|p|q|dp|dq|qi|k|r|t)\"\\s*:\\s*\"([^\"]{16,})\"");

  @Tag("fuzz")
  @FuzzTest(maxDuration = "2m")
  void fuzz(byte[] input) {
    trustsKeysThatWriteBackOrRejectsWithATypedReason(input);
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource
  void replaysSavedInputs(String name, byte[] input) {
    trustsKeysThatWriteBackOrRejectsWithATypedReason(input);
  }

  static Stream<Arguments> replaysSavedInputs() {
    return FuzzInput.saved(TrustedKeyFuzzTest.class, "fuzz");
  }

  private static void trustsKeysThatWriteBackOrRejectsWithATypedReason(byte[] input) {
    FuzzInput data = new FuzzInput(input);
    String text;
    if (data.below(5) == 0) {
      text = data.restAsText();
    } else {
      text = data.splice(SEEDS.get(data.below(SEEDS.size())), 96);
      text = data.nextBoolean() ? text : data.splice(text, 48);
    }
    List<TrustedKey> keys;
    try {
      keys = TrustedKey.fromJwks(text);
    } catch (JwtSignerException e) {
      assertThat(e.reason()).isIn(REASONS);
      assertThat(e.getMessage()).isNotBlank();
      Matcher parameter = KEY_PARAMETER.matcher(text);
      while (parameter.find()) {
        assertThat(e.getMessage()).doesNotContain(parameter.group(1));
      }
      return;
    }
    for (TrustedKey key : keys) {
      assertThat(key.keyId()).hasValueSatisfying(kid -> assertThat(kid).isNotBlank());
      assertThat(key.publicKey()).isInstanceOfAny(RSAPublicKey.class, ECPublicKey.class);
      assertThat(TrustedKey.fromJwks(writeBack(key))).containsExactly(key);
    }
  }

  private static String writeBack(TrustedKey key) {
    JWSAlgorithm alg = key.algorithm().map(a -> JWSAlgorithm.parse(a.name())).orElse(null);
    String kid = key.keyId().orElseThrow();
    JWK jwk = key.publicKey() instanceof RSAPublicKey rsa
        ? new RSAKey.Builder(rsa).keyID(kid).algorithm(alg).build()
        : new ECKey.Builder(Curve.forECParameterSpec(((ECPublicKey) key.publicKey()).getParams()),
            (ECPublicKey) key.publicKey()).keyID(kid).algorithm(alg).build();
    return "{\"keys\":[" + jwk.toJSONString() + "]}";
  }
}
